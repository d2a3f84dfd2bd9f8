// The names of files a request uploads: a multipart part's filename, or a header some upload
// APIs use for it (X-Filename, X-File-Name, X_Filename…). Spaces are dropped and trailing dots
// trimmed, as Windows and some servers do when they store the file, so "shell.php . ." is
// shell.php; the folder part is dropped.
import type { Input } from "./inputs.ts";

const UPLOAD_HEADER = /^x[-_.]?(?:upload[-_.]?)?file[-_.]?name$/;

export function uploadedFileNames(i: Input): string[] {
  const names =
    i.field === "http.request.headers"
      ? UPLOAD_HEADER.test(i.part)
        ? [i.decoded]
        : []
      : i.decoded.includes("filename")
        ? [...i.decoded.matchAll(/\bfilename\*?\s*=\s*["']?([^"'\r\n;]{1,200})/g)].map((m) => m[1]!)
        : [];
  return names.map((name) =>
    name
      .replace(/\s+/g, "")
      .replace(/^.*[/\\]/, "")
      .replace(/\.+$/, ""),
  );
}
