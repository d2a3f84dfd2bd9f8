// PHP injection: code tags, dangerous functions (also called through strings, parentheses,
// arrays and concatenation, the ways filters on "system(" are dodged), superglobals, serialized
// objects, and uploads of PHP scripts.
import { withoutComments } from "./decode.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";
import { uploadedFileNames } from "./uploads.ts";

/** Functions that run commands or code, or unpack an obfuscated payload for them. */
const RUNS_CODE = "system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|assert|eval|create_function|call_user_func(?:_array)?|preg_replace";
const UNPACKS = "base64_decode|gzinflate|gzuncompress|gzdecode|bzdecompress|zlib_decode|str_rot13|strrev|hex2bin|convert_uudecode";
const PROBES = "phpinfo|fsockopen|pfsockopen|curl_init|curl_exec|posix_(?:getpwuid|getpwnam|getuid|geteuid|getegid|setuid|kill|uname)|get_defined_(?:functions|vars|constants)|ini_set|ini_get_all|putenv|symlink|move_uploaded_file|file_put_contents";

const DANGEROUS_NAME = new RegExp(`^(?:${RUNS_CODE}|${UNPACKS})$`);

/** The name a chain of quoted fragments spells: 'sys'.'tem' is system. */
function concatenatedName(text: string): string | null {
  for (const m of text.matchAll(/(['"])\w{1,12}\1(?:\s*\.\s*(['"])\w{1,12}\2){1,6}/g)) {
    const name = m[0].replace(/['".\s]/g, "");
    if (DANGEROUS_NAME.test(name)) return m[0];
  }
  return null;
}

const calledIndirectly = new RegExp(
  String.raw`[(\[]\s*['"]?\s*(?:${RUNS_CODE})\s*['"]?\s*[)\]]\s*(?:\[\s*\d+\s*\]\s*)*(?:\{[^}]{0,20}\}\s*)?\(|['"](?:${RUNS_CODE})['"]\s*\(`,
);
// No word boundary before: these names are long and distinctive, and "xgzinflate(" is still a call.
const calledBare = new RegExp(String.raw`(?:${UNPACKS}|${PROBES})\s*\(`);

export const PHP: PayloadDetector[] = [
  {
    id: "sn-php-open-tag",
    title: "PHP injection: PHP code tag",
    category: "php_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    // <?php, <?=, a short tag followed by code, one left open at the very end, and the [php] or
    // {php} tags of forum and template engines. An XML declaration (<?xml version=…) is not code.
    match: (i) => /<\?\s*(?:php\b|=)|\[\?php|<\?\s*(?:[a-z_]\w*\s*\(|(?:echo|print|exec|system|passthru|eval|include|require)(?:_once)?\b|\$\w|\(\s*\))|<\?xml\s*:|<\?\s*$|[[{]\\?\/?php[\]}]/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-php-upload", title: "PHP injection: upload of a PHP script or session file", category: "php_injection", points: 5, technique: "T1505.003", paranoia: 1, fields: ["http.request.body.content", "http.request.headers"], match: (i) => uploadedFileNames(i).find((name) => /\.(?:php\d*|phtml|phar|phps|pht|phpt|pgif)$|^sess_[\w,-]{16,}$/.test(name)) ?? null },
  {
    id: "sn-php-functions",
    title: "PHP injection: dangerous PHP function call",
    category: "php_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /\b(?:shell_exec|passthru|proc_open|popen|pcntl_exec|phpinfo|base64_decode|gzinflate|str_rot13|create_function|call_user_func(?:_array)?|assert|file_put_contents|file_get_contents|fsockopen|move_uploaded_file|preg_replace|system|exec|eval)\s*\(.{0,80}(?:\$_(?:get|post|request|cookie|server)|\)\s*;|\$\w+|['"][^'"]{0,40}['"]\s*\))/.exec(i.decoded)?.[0] ?? /\$_(?:get|post|request|cookie|server|files|env)\s*\[/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-php-serialized", title: "PHP injection: serialized object", category: "php_injection", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /\b[oc]:\d+:"[a-z_\\][\w\\]*":\d+:\{/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-php-indirect-call",
    title: "PHP injection: function called through a string, array or concatenation",
    category: "php_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => {
      const text = withoutComments(i.decoded);
      return calledIndirectly.exec(text)?.[0] ?? (/['"]\s*\./.test(text) && text.includes("(") ? concatenatedName(text) : null);
    },
  },
  { id: "sn-php-unpack-or-probe", title: "PHP injection: payload unpacking or system probing function", category: "php_injection", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => calledBare.exec(withoutComments(i.decoded))?.[0] ?? null },
];
