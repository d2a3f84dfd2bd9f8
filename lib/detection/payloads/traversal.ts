// Path traversal, local and remote file inclusion: parent-directory sequences, operating system
// and secret files, stream wrappers, URLs handed to include-style parameters.
import { WEB, type PayloadDetector } from "./types.ts";

/** Two or more "../", "..;" (a path parameter servlet containers read as ".."), one at the start, one between separators, or one heading for a system folder. A lone trailing "/.." is left alone: servers normalise it within the root. */
const TRAVERSAL_SEQUENCE = /(?:\.{2,3}(?:[/\\]|;\/|\x00)\s*){2,}|(?:^|[/\\])\.\.;|^\s*\.{2,3}(?:[/\\]|;\/|\x00)|[/\\]\.{2,3}[/\\]|\.{2,3}(?:[/\\]|;\/)(?=[\w.-]*[/\\]?(?:etc|proc|windows|winnt|boot|var|usr|root|home|sys|web-inf)\b)/;
/** Bytes written as 0xNN (0x2e0x2e0x2f is ../), as some decoders in front of file APIs accept. */
const hexBytes = (text: string) => text.replace(/0x([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** A multipart upload whose file name climbs out of the upload folder. */
const UPLOAD_NAME = /\bfilename\*?\s*=\s*["']?\s*(?:utf-8'')?\.{2}[/\\]/;

/** Files a web request has no business reading: kernel and process state, credentials, container secrets. */
const SYSTEM_FILE = new RegExp(
  String.raw`(?:^|[/\\=:])(?:etc[/\\](?:passwd|shadow|gshadow|group|subuid|subgid|hosts|hostname|issue|motd|sudoers|crontab|fstab|mtab|machine-id|os-release|environment|master\.passwd|security[/\\]\w+|ssh[/\\]\w+|ssl[/\\]private|mysql[/\\]my\.cnf|nginx[/\\]|httpd[/\\]|apache2?[/\\])` +
    String.raw`|proc[/\\](?:self|\d+|version|cpuinfo|meminfo|interrupts|mounts|modules|sched_debug|kcore|kallsyms|net[/\\]\w+|sys[/\\]\w+)\b|sys[/\\](?:class|kernel|devices|firmware|module|block|bus|power|fs)\b` +
    String.raw`|var[/\\](?:log|lib[/\\]mysql|mail|spool)[/\\]|(?:var[/\\])?run[/\\]secrets\b|(?:boot|win|system)\.ini|windows[/\\](?:system32|win\.ini|repair)` +
    String.raw`|\.htaccess|\.htpasswd|web\.config|wp-config\.php|\.ssh[/\\](?:id_\w+|authorized_keys)|\.docker[/\\](?:config\.json|secrets)|\.kube[/\\]config|\.(?:bash_history|zsh_history|mysql_history|psql_history|pgpass|netrc|npmrc|pypirc|aws[/\\]credentials|git[/\\]config|env)\b)`,
);

/** Database dumps, site backups and application logs left where the web server serves them. */
const EXPOSED_ARTIFACT = /(?:^|[/\\=])(?:[\w.-]{0,40}\.sql\.(?:gz|zip|bz2|xz|7z|tar|tgz)|(?:backup|backups|dump|database|db|site|www|wwwroot|htdocs|public_html)\.(?:sql|zip|tar|tar\.gz|tgz|rar|7z|bak)|(?:debug|error|errors|access|laravel|application)\.log|error_log)$/;

export const TRAVERSAL: PayloadDetector[] = [
  { id: "sn-lfi-traversal", title: "Path traversal: parent-directory sequence", category: "path_traversal", points: 5, technique: "T1083", paranoia: 1, match: (i) => TRAVERSAL_SEQUENCE.exec(i.decoded)?.[0] ?? (/0x(?:2e|2f|5c)/.test(i.decoded) ? TRAVERSAL_SEQUENCE.exec(hexBytes(i.decoded))?.[0] ?? null : null) ?? UPLOAD_NAME.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-lfi-system-file",
    title: "File inclusion: operating system or secret file",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) => SYSTEM_FILE.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-lfi-exposed-artifact", title: "Restricted file: dump, backup or log in the web root", category: "path_traversal", points: 4, technique: "T1083", paranoia: 1, match: (i) => EXPOSED_ARTIFACT.exec(i.decoded.trim())?.[0] ?? null },
  // Vite's development server reads files and virtual modules through these; production never does.
  { id: "sn-lfi-dev-server", title: "File read through a development server endpoint", category: "path_traversal", points: 5, technique: "T1083", paranoia: 1, match: (i) => (i.part === "path" ? /^\/@(?:fs|id)\/\S+/.exec(i.decoded)?.[0] ?? null : null) },
  { id: "sn-lfi-wrapper", title: "File inclusion: stream wrapper", category: "path_traversal", points: 5, technique: WEB, paranoia: 1, match: (i) => /\b(?:php|file|zip|phar|expect|glob|data|jar|netdoc|compress\.zlib|compress\.bzip2)\s*:\/\/|\bphp:\/\/(?:filter|input|stdin|memory|temp|fd)/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-rfi-remote-url",
    title: "Remote file inclusion: URL to an address or ending in ?",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.headers"],
    match: (i) => (i.part === "path" ? null : /^\s*(?:https?|ftps?|smb|dav|sftp):\/\/(?:[^/]*@)?(?:\d{1,3}\.){3}\d{1,3}\b.*|^\s*(?:https?|ftps?|smb):\/\/[^?#]+\?+\s*$|^\s*(?:https?|ftps?):\/\/.*\.(?:txt|php|phtml|inc|sh|pl|py|jsp|asp)\?*\s*$/.exec(i.decoded)?.[0] ?? null),
  },
  { id: "sn-rfi-include-param", title: "Remote file inclusion: include-style parameter with a URL", category: "rfi", points: 4, technique: WEB, paranoia: 2, fields: ["url.original", "http.request.body.content"], match: (i) => (/^(?:file|page|include|inc|path|template|tpl|doc|document|folder|root|dir|lang|module|load|url|src|view|content|site)$/.test(i.part.toLowerCase()) ? /^\s*(?:https?|ftps?|smb):\/\/\S+/.exec(i.decoded)?.[0] ?? null : null) },

];
