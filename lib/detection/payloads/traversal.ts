// Path traversal, local and remote file inclusion: parent-directory sequences, operating system
// and secret files, stream wrappers, URLs handed to include-style parameters.
import { WEB, type PayloadDetector } from "./types.ts";

export const TRAVERSAL: PayloadDetector[] = [
  { id: "sn-lfi-traversal", title: "Path traversal: parent-directory sequence", category: "path_traversal", points: 5, technique: "T1083", paranoia: 1, match: (i) => /(?:\.{2,3}(?:[/\\]|;\/|\x00)\s*){2,}|^\s*\.{2,3}(?:[/\\]|;\/|\x00)|[/\\]\.{2,3}(?:[/\\]|$)|\.{2,3}(?:[/\\]|;\/)(?=[\w.-]*[/\\]?(?:etc|proc|windows|winnt|boot|var|usr|root|home|sys|web-inf)\b)/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-lfi-system-file",
    title: "File inclusion: operating system or secret file",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) =>
      /(?:^|[/\\=:])(?:etc[/\\](?:passwd|shadow|group|hosts|issue|sudoers|crontab|master\.passwd|security[/\\]\w+|ssh[/\\]\w+|mysql[/\\]my\.cnf|nginx[/\\]|httpd[/\\]|apache2?[/\\])|proc[/\\](?:self|\d+)[/\\]\w+|var[/\\](?:log|lib[/\\]mysql|mail|spool)[/\\]|(?:boot|win|system)\.ini|windows[/\\](?:system32|win\.ini|repair)|\.htaccess|\.htpasswd|web\.config|wp-config\.php|\.ssh[/\\](?:id_\w+|authorized_keys)|\.(?:bash_history|aws[/\\]credentials|git[/\\]config|env)\b)/.exec(i.decoded)?.[0] ?? null,
  },
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
