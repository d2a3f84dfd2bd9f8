// PHP injection: code tags, dangerous functions (also called through strings, parentheses,
// arrays and concatenation, the ways filters on "system(" are dodged), superglobals, and uploads
// of PHP scripts. Serialized objects are read by lib/detection/grammar/serialized/.
import { withoutComments } from "./decode.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";
import { uploadedFileNames } from "./uploads.ts";

/** Functions that run commands or code, or unpack an obfuscated payload for them. */
const RUNS_CODE =
  "system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|assert|eval|create_function|call_user_func(?:_array)?|preg_replace";
const UNPACKS =
  "base64_decode|gzinflate|gzuncompress|gzdecode|bzdecompress|zlib_decode|str_rot13|strrev|hex2bin|convert_uudecode";
const PROBES =
  "phpinfo|fsockopen|pfsockopen|curl_init|curl_exec|posix_(?:getpwuid|getpwnam|getuid|geteuid|getegid|setuid|kill|uname)|get_defined_(?:functions|vars|constants)|ini_set|ini_get_all|putenv|symlink|move_uploaded_file|file_put_contents";

const DANGEROUS_NAME = new RegExp(`^(?:${RUNS_CODE}|${UNPACKS})$`);

/** The name a chain of quoted fragments spells: 'sys'.'tem' is system. */
function concatenatedName(text: string): string | null {
  for (const m of text.matchAll(/(['"])\w{1,12}\1(?:\s*\.\s*(['"])\w{1,12}\2){1,6}/g)) {
    const name = m[0].replace(/['".\s]/g, "");
    if (DANGEROUS_NAME.test(name)) return m[0];
  }
  return null;
}

// The name wrapped in any mix of parentheses, array brackets, [0] indexes and {…} blocks before the
// call: (system)(…), ['system'][0](…), (['system'])[0](…), {[system][0]} (…).
const calledIndirectly = new RegExp(
  String.raw`[(\[{]\s*(?:['"]\s*)?(?:${RUNS_CODE})\s*(?:['"]\s*)?(?:[)\]}]\s*|\[\s*\d+\s*\]\s*|\{[^}]{0,20}\}\s*)+\(|['"](?:${RUNS_CODE})['"]\s*\(`,
);

/** The name bare fragments spell when PHP reads them as strings: (sy.(st).em)('id') calls system. */
function joinedBareName(text: string): string | null {
  for (const m of text.matchAll(
    /\(\s*(?:\(\s*)?\w{1,12}\s*(?:\)\s*)?(?:\.\s*(?:\(\s*)?\w{1,12}\s*(?:\)\s*)?){1,6}\)\s*\(/g,
  )) {
    if (DANGEROUS_NAME.test(m[0].replace(/\W/g, ""))) return m[0];
  }
  return null;
}

/**
 * A value that is itself a php.ini directive assignment (memory_limit = 512M, opcache.… = …), as
 * sent to code that writes a .user.ini or passes it to ini_set. The names are the PHP manual's
 * core, security-relevant and extension sections.
 */
const INI_DIRECTIVE = new RegExp(
  String.raw`^\s*(?:(?:allow_url_(?:fopen|include)|auto_(?:prepend|append)_file|auto_detect_line_endings|disable_(?:functions|classes)|open_basedir|include_path|doc_root|user_dir|extension_dir|extension|zend_extension|engine|short_open_tag|precision|serialize_precision|memory_limit|max_execution_time|max_input_(?:time|vars|nesting_level)|post_max_size|upload_max_filesize|upload_tmp_dir|file_uploads|display_(?:errors|startup_errors)|log_errors|error_log|error_reporting|html_errors|expose_php|register_argc_argv|variables_order|request_order|default_charset|sendmail_(?:path|from)|smtp|smtp_port|mail(?:\.\w+)+|unserialize_(?:callback_func|max_depth)|output_(?:buffering|handler)|implicit_flush|realpath_cache_\w+|zend(?:\.\w+)+|opcache(?:\.\w+)+|mbstring(?:\.\w+)+|session(?:\.\w+)+|pcre(?:\.\w+)+|assert(?:\.\w+)+|phar(?:\.\w+)+|xdebug(?:\.\w+)+|apc(?:\.\w+)+|date\.timezone|cgi(?:\.\w+)+|fastcgi(?:\.\w+)+))\s*=\s*\S[^\n]{0,200}$`,
);
// No word boundary before: these names are long and distinctive, and "xgzinflate(" is still a call.
const calledBare = new RegExp(String.raw`(?:${UNPACKS}|${PROBES}|call_user_func(?:_array)?)\s*\(`);

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
    match: (i) =>
      /<\?\s*(?:php\b|=)|\[\?php|<\?\s*(?:[a-z_]\w*\s*\(|(?:echo|print|exec|system|passthru|eval|include|require)(?:_once)?\b|\$\w|\(\s*\))|<\?xml\s*:|<\?\s*$|[[{]\\?\/?php[\]}]/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-php-upload",
    title: "PHP injection: upload of a PHP script or session file",
    category: "php_injection",
    points: 5,
    technique: "T1505.003",
    paranoia: 1,
    fields: ["http.request.body.content", "http.request.headers"],
    match: (i) =>
      uploadedFileNames(i).find((name) =>
        /\.(?:php\d*|phtml|phar|phps|pht|phpt|pgif)$|^sess_[\w,-]{16,}$/.test(name),
      ) ?? null,
  },
  {
    id: "sn-php-functions",
    title: "PHP injection: dangerous PHP function call",
    category: "php_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) =>
      /\b(?:shell_exec|passthru|proc_open|popen|pcntl_exec|phpinfo|base64_decode|gzinflate|str_rot13|create_function|call_user_func(?:_array)?|assert|file_put_contents|file_get_contents|fsockopen|move_uploaded_file|preg_replace|system|exec|eval)\s*\(.{0,80}(?:\$_(?:get|post|request|cookie|server)|\)\s*;|\$\w+|['"][^'"]{0,40}['"]\s*\))/.exec(
        i.decoded,
      )?.[0] ??
      /\$_(?:get|post|request|cookie|server|files|env)\s*\[/.exec(i.decoded)?.[0] ??
      null,
  },
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
      if (!text.includes("(")) return null;
      return (
        calledIndirectly.exec(text)?.[0] ??
        (/['"]\s*\./.test(text) ? concatenatedName(text) : null) ??
        (/\w\s*(?:\)\s*)?\.\s*(?:\(\s*)?\w/.test(text) ? joinedBareName(text) : null)
      );
    },
  },
  {
    id: "sn-php-ini-directive",
    title: "PHP injection: php.ini directive as a value",
    category: "php_injection",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (i.part.endsWith("#name") ? null : (INI_DIRECTIVE.exec(i.decoded)?.[0] ?? null)),
  },
  {
    id: "sn-php-unpack-or-probe",
    title: "PHP injection: payload unpacking or system probing function",
    category: "php_injection",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => calledBare.exec(withoutComments(i.decoded))?.[0] ?? null,
  },
];
