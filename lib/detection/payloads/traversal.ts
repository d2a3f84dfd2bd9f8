// Restricted files and file drops the path grammar (lib/detection/grammar/path) does not judge:
// dumps, backups and logs in the web root, development-server file endpoints, shell output
// redirected into a world-writable folder, and (paranoia 2) any URL in an include-style parameter.
// Traversal, system files, stream wrappers and remote inclusion are read by the path and URL grammars.
import { WEB, type PayloadDetector } from "./types.ts";

/** Database dumps, site backups and application logs left where the web server serves them. */
const EXPOSED_ARTIFACT =
  /(?:^|[/\\=])(?:[\w.-]{0,40}\.sql\.(?:gz|zip|bz2|xz|7z|tar|tgz)|(?:backup|backups|dump|database|db|site|www|wwwroot|htdocs|public_html)\.(?:sql|zip|tar|tar\.gz|tgz|rar|7z|bak)|(?:debug|error|errors|access|laravel|application)\.log|error_log)$/;

/**
 * Shell output redirected into a world-writable folder, at the start of a value or after a command
 * separator: how an injected command drops a file it will run or include next.
 */
// Blanks after the separator exclude line breaks ("\n" is a separator: a run of them is read once, not once per break).
const TEMP_DROP = /(?:^|[;&|`\n]|\$\()[^\S\r\n]*(?:\d?>{1,2}|&>)\s*\/(?:tmp|var\/tmp|dev\/shm)\/[\w.-]/;

export const TRAVERSAL: PayloadDetector[] = [
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
