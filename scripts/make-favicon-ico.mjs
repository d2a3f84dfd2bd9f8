// Rebuilds public/favicon.ico from public/favicon.svg (run by hand after changing the mark):
// 16, 32 and 48 px PNGs in one ICO container, which browsers accept since Windows Vista's format.
// sharp comes with Next (image optimisation); nothing is downloaded.
import fs from "node:fs";
import sharp from "sharp";

const SIZES = [16, 32, 48];
const svg = fs.readFileSync("public/favicon.svg");
// Rendered at four times the target size, then scaled down, for smooth edges.
const pngs = await Promise.all(
  SIZES.map((size) =>
    sharp(svg, { density: ((72 * size) / 24) * 4 })
      .resize(size, size)
      .png()
      .toBuffer(),
  ),
);
const header = Buffer.alloc(6);
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(SIZES.length, 4);
let offset = header.length + 16 * SIZES.length;
const entries = pngs.map((png, i) => {
  const entry = Buffer.alloc(16);
  entry.writeUInt8(SIZES[i], 0);
  entry.writeUInt8(SIZES[i], 1);
  entry.writeUInt16LE(1, 4); // colour planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += png.length;
  return entry;
});
fs.writeFileSync("public/favicon.ico", Buffer.concat([header, ...entries, ...pngs]));
