// Traversal and restricted-file detectors: climbing out of the web root however it is spelled,
// files no request should read, and the ordinary paths, names and downloads that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ingest/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const path = (p: string) => normalizeEvent({ url: { original: p }, http: { request: { method: "GET" } } });
const query = (value: string) => path(`/file?name=${encodeURIComponent(value)}`);
const header = (value: string) => normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET", headers: { "x-original-url": value } } } });
const upload = (filename: string) =>
  normalizeEvent({ url: { original: "/upload" }, http: { request: { method: "POST", body: { content: `--b\r\nContent-Disposition: form-data; name="doc"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--` } } } });
const lfiIds = (e: Event) => detectPayloads(e).filter((d) => d.category === "path_traversal").map((d) => d.id);

describe("traversal and restricted-file detectors", () => {
  it.each([
    ["sn-lfi-traversal", query("0x2e0x2e0x2fsecrets.txt")],
    ["sn-lfi-traversal", header("0x5c0x2e.0x5cboot.ini")],
    ["sn-lfi-traversal", upload("../../home/app/.profile")],
    ["sn-lfi-traversal", upload("..\\startup.bat")],
    ["sn-lfi-traversal", path("/static/..;/admin/console")],
    ["sn-lfi-traversal", query("..;/manager/html")],
    ["sn-lfi-system-file", query("/etc/subgid")],
    ["sn-lfi-system-file", path("/download/proc/cpuinfo")],
    ["sn-lfi-system-file", query("/sys/kernel/notes")],
    ["sn-lfi-system-file", query("/run/secrets/db_password")],
    ["sn-lfi-system-file", query("/home/app/.kube/config")],
    ["sn-lfi-exposed-artifact", path("/exports/shop-2026.sql.gz")],
    ["sn-lfi-exposed-artifact", path("/backup.tar.gz")],
    ["sn-lfi-exposed-artifact", path("/storage/logs/laravel.log")],
    ["sn-lfi-exposed-artifact", query("www.zip")],
    ["sn-lfi-dev-server", path("/@fs/home/app/.env?raw")],
  ])("%s fires on %#", (id, event) => {
    expect(lfiIds(event)).toContain(id);
  });

  it.each([
    ["a file name ending in dots", path("/notes/draft../v2")],
    ["a trailing parent segment", path("/docs/guide/..")],
    ["an ellipsis in prose", query("wait... / what? and then.../ nothing")],
    ["a download", path("/downloads/report-2026.zip")],
    ["a log viewer route", path("/admin/logs?level=error")],
    ["a blog post about logs", path("/blog/reading-your-error-log-files")],
    ["an upload with a plain name", upload("holiday photo (1).jpg")],
    ["an environment page", path("/settings/environment")],
    ["a version string", query("release 0x1f build 7")],
    ["a handle with @", path("/@alice/posts")],
  ])("stays quiet on %s", (_label, event) => {
    expect(lfiIds(event)).toEqual([]);
  });
});
