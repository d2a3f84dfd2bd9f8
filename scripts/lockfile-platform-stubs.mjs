// The npm registry mirror reachable here serves only Linux builds of platform-specific packages
// (e.g. @next/swc-darwin-arm64 answers 404), so npm writes no lockfile entries for the others
// and `npm ci` then refuses the lockfile as out of sync. This adds an entry for each missing
// optional platform package, marked with its os/cpu so npm skips it on other machines.
// Run after changing dependencies: `npm install && node scripts/lockfile-platform-stubs.mjs`.
import fs from "node:fs";

const file = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "sunos", "aix", "netbsd"];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  arm: "arm",
  wasm32: "wasm32",
  riscv64: "riscv64",
  ppc64: "ppc64",
  s390x: "s390x",
  loong64: "loong64",
  mips64el: "mips64el",
};

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = OS.find((o) => parts.includes(o));
  const cpu = Object.keys(CPU).find((c) => parts.includes(c) || parts.some((p) => p.startsWith(c)));
  return {
    os,
    cpu: cpu && CPU[cpu],
    libc: parts.includes("musl") ? "musl" : parts.includes("gnu") ? "glibc" : undefined,
  };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && !cpu) continue; // not a platform package: leave it to npm
    lock.packages[`node_modules/${name}`] = {
      version: version.replace(/^[\^~]/, ""),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} platform package entries to ${file}`);
