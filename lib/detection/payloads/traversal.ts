// Path traversal, local and remote file inclusion: parent-directory sequences, operating system
// and secret files, stream wrappers, URLs handed to include-style parameters.
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

/** Two or more "../", "..;" (a path parameter servlet containers read as ".."), one at the start, one between separators, or one heading for a system folder. A lone trailing "/.." is left alone: servers normalise it within the root. */
const TRAVERSAL_SEQUENCE =
  /(?:\.{2,3}(?:[/\\]|;\/|\x00)\s*){2,}|(?:^|[/\\])\.\.;|^\s*\.{2,3}(?:[/\\]|;\/|\x00)|[/\\]\.{2,3}[/\\]|\.{2,3}(?:[/\\]|;\/)(?=[\w.-]*[/\\]?(?:etc|proc|windows|winnt|boot|var|usr|root|home|sys|web-inf)\b)/;
/** Bytes written as 0xNN (0x2e0x2e0x2f is ../), as some decoders in front of file APIs accept. */
const hexBytes = (text: string) =>
  text.replace(/0x([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/**
 * Dots and slashes in disguise. Overlong UTF-8 (C0 AE for ".", C0 AF for "/", C1 9C for "\\") is
 * never valid, so decoding leaves it as Latin-1 bytes; look-alike slashes (division slash, fraction
 * slash, set minus) are mapped to "/" and "\\" by some Windows and Java file APIs.
 */
const DISGUISE = /\u00e0\u0080?(?:\u00ae|\u00af| \u0304)|\u00e1\u009c|[\u2215\u2044\u29f8\u2216\u29f5\u29f9]/;
const undisguise = (text: string) =>
  text
    .replace(/\u00e0\u0080?\u00ae/g, ".")
    .replace(/\u00e0\u0080?(?:\u00af| \u0304)|[\u2215\u2044\u29f8]/g, "/")
    .replace(/\u00e1\u009c|[\u2216\u29f5\u29f9]/g, "\\");
/** Repeated dots before doubled separators: "....//" still reads "../" after a filter strips "../" once. */
const STRIPPED_TWICE = /(?:\.{3,4}[/\\]{2}){2}|(?:^|[/\\=])\.{3,4}[/\\]{2}\w/;
/** A multipart upload whose file name climbs out of the upload folder. */
const UPLOAD_NAME = /\bfilename\*?\s*=\s*(?:["']\s*)?(?:utf-8'')?\.{2}[/\\]/;

/** Files a web request has no business reading: kernel and process state, credentials, container secrets. */
const SYSTEM_FILE = new RegExp(
  String.raw`(?:^|[/\\=:])(?:etc[/\\](?:passwd|shadow|gshadow|group|subuid|subgid|hosts|hostname|issue|motd|sudoers|crontab|fstab|mtab|machine-id|os-release|environment|master\.passwd|resolv\.conf|shells|inittab|ld\.so\.preload|pam\.d[/\\]|security[/\\]\w+|ssh[/\\]\w+|ssl[/\\]private|mysql[/\\]my\.cnf|nginx[/\\]|httpd[/\\]|apache2?[/\\])` +
    String.raw`|proc[/\\](?:self|\d+|version|cpuinfo|meminfo|interrupts|mounts|modules|sched_debug|kcore|kallsyms|net[/\\]\w+|sys[/\\]\w+)\b|sys[/\\](?:class|kernel|devices|firmware|module|block|bus|power|fs)\b` +
    String.raw`|var[/\\](?:log|lib[/\\]mysql|mail|spool)[/\\]|(?:apache2?|httpd|nginx|lampp|xampp)[/\\]logs?[/\\]|(?:tmp|var[/\\]lib[/\\]php\d*(?:[/\\]sessions?)?)[/\\]sess_[\w,-]{8,}|(?:var[/\\])?run[/\\]secrets\b|(?:boot|win|system)\.ini|windows[/\\](?:system32|win\.ini|repair)` +
    String.raw`|\.htaccess|\.htpasswd|web\.config|wp-config\.php|(?:httpd|apache2|lighttpd|php|my)\.(?:conf|ini|cnf)\b|\.git-credentials\b|\.ssh[/\\](?:id_\w+|authorized_keys)|\.docker[/\\](?:config\.json|secrets)|\.kube[/\\]config|\.(?:aiignore|cursorignore|cursorrules|windsurfrules|clinerules|codeiumignore)\b|\.(?:bashrc|bash_profile|bash_logout|zshrc|zprofile|profile|viminfo|lesshst|python_history|node_repl_history|bash_history|zsh_history|mysql_history|psql_history|pgpass|netrc|npmrc|pypirc|aws[/\\]credentials|git[/\\]config|env)\b)`,
);

/** Database dumps, site backups and application logs left where the web server serves them. */
const EXPOSED_ARTIFACT =
  /(?:^|[/\\=])(?:[\w.-]{0,40}\.sql\.(?:gz|zip|bz2|xz|7z|tar|tgz)|(?:backup|backups|dump|database|db|site|www|wwwroot|htdocs|public_html)\.(?:sql|zip|tar|tar\.gz|tgz|rar|7z|bak)|(?:debug|error|errors|access|laravel|application)\.log|error_log)$/;

/**
 * Shell output redirected into a world-writable folder, at the start of a value or after a command
 * separator: how an injected command drops a file it will run or include next.
 */
// Blanks after the separator exclude line breaks ("\n" is a separator: a run of them is read once, not once per break).
const TEMP_DROP = /(?:^|[;&|`\n]|\$\()[^\S\r\n]*(?:\d?>{1,2}|&>)\s*\/(?:tmp|var\/tmp|dev\/shm)\/[\w.-]/;

/**
 * Parameter names that say "a location on the server's disk": the last word is path, dir, root,
 * folder or include (mosConfig_absolute_path, _CONF[path], baseDir, include_file). Redirect and
 * return targets are links by design and are left out.
 */
const nameWords = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const DISK_WORD =
  /^(?:path|dir|directory|root|folder|include|inc|basedir|basepath|rootdir|rootpath|abspath|libdir|libpath|includedir|includepath|docroot|webroot)$/;
const LINK_WORD =
  /^(?:redirect|redir|return|callback|next|continue|goto|back|referer|referrer|success|failure|cancel|login|logout|url|uri|href|link)$/;
/** A remote URL that is not plainly a picture, font, stylesheet or document (an image_path may well point at a CDN). */
const remoteCodeUrl = (text: string) => {
  const url = /^\s*(?:https?|ftps?|smb|dav):\/\/[^\s/?#]+\S*/.exec(text)?.[0];
  return url &&
    !/\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|css|woff2?|ttf|otf|mp[34]|webm|pdf)$/.test(url.replace(/[?#].*$/, ""))
    ? url
    : null;
};
const namesDiskLocation = (raw: string) => {
  const words = nameWords(raw);
  const last = words[words.length - 1];
  return last !== undefined && DISK_WORD.test(last) && !words.some((w) => LINK_WORD.test(w));
};

export const TRAVERSAL: PayloadDetector[] = [
  {
    id: "sn-lfi-traversal",
    title: "Path traversal: parent-directory sequence",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) =>
      TRAVERSAL_SEQUENCE.exec(i.decoded)?.[0] ??
      (/0x(?:2e|2f|5c)/.test(i.decoded) ? (TRAVERSAL_SEQUENCE.exec(hexBytes(i.decoded))?.[0] ?? null) : null) ??
      UPLOAD_NAME.exec(i.decoded)?.[0] ??
      STRIPPED_TWICE.exec(i.decoded)?.[0] ??
      (DISGUISE.test(i.decoded) ? (TRAVERSAL_SEQUENCE.exec(undisguise(i.decoded))?.[0] ?? null) : null),
  },
  {
    id: "sn-lfi-system-file",
    title: "File inclusion: operating system or secret file",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    // Scanners and bots put the file they want into the user agent too; a real browser's never names one.
    fields: [...BODYLESS, "user_agent.original"],
    // "/etc//passwd" and "/etc/./passwd" open the same file: read once more with the padding taken out.
    match: (i) =>
      SYSTEM_FILE.exec(i.decoded)?.[0] ??
      (/[/\\](?:\.?[/\\])+/.test(i.decoded)
        ? (SYSTEM_FILE.exec(i.decoded.replace(/[/\\](?:\.?[/\\])+/g, "/"))?.[0] ?? null)
        : null),
  },
  {
    id: "sn-lfi-exposed-artifact",
    title: "Restricted file: dump, backup or log in the web root",
    category: "path_traversal",
    points: 4,
    technique: "T1083",
    paranoia: 1,
    match: (i) => EXPOSED_ARTIFACT.exec(i.decoded.trim())?.[0] ?? null,
  },
  // Vite's development server reads files and virtual modules through these; production never does.
  {
    id: "sn-lfi-dev-server",
    title: "File read through a development server endpoint",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) => (i.part === "path" ? (/^\/@(?:fs|id)\/\S+/.exec(i.decoded)?.[0] ?? null) : null),
  },
  {
    id: "sn-lfi-wrapper",
    title: "File inclusion: stream wrapper",
    category: "path_traversal",
    points: 5,
    technique: WEB,
    paranoia: 1,
    match: (i) =>
      /\b(?:php|file|zip|phar|expect|glob|data|jar|netdoc|compress\.zlib|compress\.bzip2)\s*:\/\/|\bphp:\/\/(?:filter|input|stdin|memory|temp|fd)/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-rfi-remote-url",
    title: "Remote file inclusion: URL to an address or ending in ?",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.headers"],
    match: (i) =>
      i.part === "path"
        ? null
        : (/^\s*(?:https?|ftps?|smb|dav|sftp):\/\/(?:[^/]*@)?(?:(?:\d{1,3}\.){3}\d{1,3}\b|\[[0-9a-f:.]{2,45}\]).*|^\s*(?:https?|ftps?|smb):\/\/[^?#\s]+\?+\s*$|^\s*(?:https?|ftps?):\/\/.*\.(?:txt|php|phtml|inc|sh|pl|py|jsp|asp)\?*\s*$/.exec(
            i.decoded,
          )?.[0] ?? (/%00\s*$/.test(i.raw) ? (/^\s*(?:https?|ftps?|smb):\/\/\S+/.exec(i.decoded)?.[0] ?? null) : null)),
  },
  {
    id: "sn-rfi-path-param",
    title: "Remote file inclusion: URL in a server-path parameter",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    match: (i) =>
      i.part !== "path" && !i.part.endsWith("#name") && !i.part.endsWith("#base64") && namesDiskLocation(i.part)
        ? remoteCodeUrl(i.decoded)
        : null,
  },
  {
    id: "sn-lfi-temp-drop",
    title: "File write: output redirected into a world-writable folder",
    category: "path_traversal",
    points: 5,
    technique: "T1105",
    paranoia: 1,
    match: (i) => TEMP_DROP.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-rfi-include-param",
    title: "Remote file inclusion: include-style parameter with a URL",
    category: "rfi",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: ["url.original", "http.request.body.content"],
    match: (i) =>
      /^(?:file|page|include|inc|path|template|tpl|doc|document|folder|root|dir|lang|module|load|url|src|view|content|site)$/.test(
        i.part.toLowerCase(),
      )
        ? (/^\s*(?:https?|ftps?|smb):\/\/\S+/.exec(i.decoded)?.[0] ?? null)
        : null,
  },
];
