// PHP injection detectors: code tags however spaced, functions called the ways filters miss,
// unpacking and probing calls, script and session-file uploads; and ordinary XML, prose about PHP
// and file names that must stay quiet.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/pipeline/normalize.ts";
import { detectPayloads } from "./index.ts";

type Event = ReturnType<typeof normalizeEvent>;
const query = (value: string) =>
  normalizeEvent({ url: { original: `/p?x=${encodeURIComponent(value)}` }, http: { request: { method: "GET" } } });
const body = (content: string) =>
  normalizeEvent({ url: { original: "/api" }, http: { request: { method: "POST", body: { content } } } });
const header = (name: string, value: string) =>
  normalizeEvent({ url: { original: "/upload" }, http: { request: { method: "PUT", headers: { [name]: value } } } });
const phpIds = (e: Event) =>
  detectPayloads(e)
    .filter((d) => d.category === "php_injection")
    .map((d) => d.id);

describe("PHP injection detectors", () => {
  it.each([
    ["sn-php-open-tag", query("<? php print(1)")],
    ["sn-php-open-tag", query("<?\tphpinfo();")],
    ["sn-php-open-tag", query("<? passthru('id') ?>")],
    ["sn-php-open-tag", query("hello<?")],
    ["sn-php-open-tag", query("[php]echo 1;[/php]")],
    ["sn-php-open-tag", query("{php}readfile('x'){/php}")],
    ["sn-php-open-tag", query("<?xml :print 1;")],
    ["sn-php-indirect-call", query("(passthru)('id');")],
    ["sn-php-indirect-call", query("['shell_exec'][0]('id');")],
    ["sn-php-indirect-call", query("\"exec\"('whoami');")],
    ["sn-php-indirect-call", query("$f = 'sys' . 'tem'; $f('id');")],
    ["sn-php-indirect-call", query("(/* x */ system)(/* y */ 'id');")],
    ["sn-php-indirect-call", query("(['passthru'])[0]('id');")],
    ["sn-php-indirect-call", query("(array) {[exec][0]} ('id');")],
    ["sn-php-indirect-call", query("( [ popen ][ 0 ] ) {/* x */1} ( 'id', 'r' );")],
    ["sn-php-indirect-call", query("(pas.(sthr).u)('id');")],
    ["sn-php-unpack-or-probe", query("xcall_user_func_array('system', ['id'])")],
    ["sn-php-ini-directive", body("cfg=allow_url_include%3DOn")],
    ["sn-php-ini-directive", query("auto_prepend_file = php://input")],
    ["sn-php-ini-directive", query("opcache.file_cache=/tmp/x")],
    [
      "sn-php-ini-directive",
      body('<?xml version="1.0"?><settings><set value="session.save_path=/var/www/x"/></settings>'),
    ],
    ["sn-php-unpack-or-probe", query("gzuncompress(base64_decode('eJzL'))")],
    ["sn-php-unpack-or-probe", query("xposix_getpwuid(0)")],
    ["sn-php-unpack-or-probe", query("ini_set('allow_url_include', 1)")],
    ["sn-php-upload", header("x-file-name", "avatar.php5..")],
    ["sn-php-upload", header("x.filename", "shell.phtml ")],
    [
      "sn-php-upload",
      body('--b\r\nContent-Disposition: form-data; name="f"; filename="img/ x.phar"\r\n\r\nx\r\n--b--'),
    ],
    ["sn-php-upload", header("x-filename", "/var/lib/php/sessions/sess_0a1b2c3d4e5f6a7b8c9d")],
  ])("%s fires on %#", (id, event) => {
    expect(phpIds(event)).toContain(id);
  });

  it.each([
    ["an XML declaration", body('<?xml version="1.0" encoding="UTF-8"?><note><to>Ann</to></note>')],
    ["prose about PHP", query("I learned PHP in 2009; the system works fine")],
    ["a question mark after a tag in prose", query("is <b> bold or <? not sure")],
    ["a decimal number", query("system 3.5 (stable)")],
    ["an ordinary upload", header("x-filename", "invoice-2026.pdf")],
    ["a file about sessions", header("x-filename", "session-notes.txt")],
    ["quoted words joined by dots", query("'red'. 'green'. 'blue'")],
    ["words joined by dots in parentheses", query("see (fig.(a).b)(left) and (e.g.) (this)")],
    ["a settings sentence", query("the engine = a V8 with precision tuned")],
    ["a key-value pair that is not a directive", query("theme=dark")],
    [
      "a parameter named like a directive",
      normalizeEvent({ url: { original: "/p?memory_limit=512M" }, http: { request: { method: "GET" } } }),
    ],
  ])("stays quiet on %s", (_label, event) => {
    expect(phpIds(event)).toEqual([]);
  });
});
