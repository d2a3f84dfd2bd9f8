// Stream wrappers and archive schemes that turn a file-include or file-open call into something
// else: PHP's php://filter (read source through a conversion chain), php://input (run the request
// body), data: (inline code), expect:// (run a command), zip://, phar:// (open an archive member,
// phar deserialization), glob://, compress.*://; Java's jar:…!/ and netdoc:; file: for any local
// path. Images in data: URIs (avatars in JSON) are ordinary and are left alone.

const WRAPPER =
  /(?:^|[^a-z0-9+.-])((?:php|zip|phar|expect|glob|compress\.zlib|compress\.bzip2|rar|ogg|ssh2\.(?:shell|exec|tunnel|sftp|scp)):\/\/?\S*)/;
/** data: with a type that a PHP include or script loader reads as code or text, or with no type at all. */
const DATA =
  /(?:^|[\s"'=(])(data:(?:\/\/)?(?:text\/(?:plain|html|x-php|php|javascript)|application\/(?:x-httpd-php|x-php|php|octet-stream)|)(?:[;,]\S*|(?=["'\s]|$)))/;
/** PHP stream filters (the links of a php://filter chain, sent alone or chained with "|"): no ordinary value names one. */
const FILTER =
  /(?:^|[^a-z0-9.])((?:convert\.(?:iconv\.[\w-]+[./][\w-]+|base64-(?:en|de)code|quoted-printable-(?:en|de)code)|string\.(?:rot13|toupper|tolower|strip_tags)|zlib\.(?:de|in)flate|bzip2\.(?:de)?compress)\b)/;
/** file: to a local path (file:/etc, file:///c:/, file://localhost/), netdoc: (Java's alias of file:). */
const LOCAL = /(?:^|[^a-z0-9+.-])((?:file|netdoc):(?:\/\/[^/\s]*)?[/\\]\S*)/;
/** jar:<url>!/entry: Java opens (and, for a remote URL, downloads) an archive. */
const JAR = /(?:^|[^a-z0-9+.-])(jar:[a-z][a-z0-9+.-]*:\S{0,300}?!\/\S*)/;

export function wrapperIn(decoded: string): string | null {
  if (!decoded.includes(":") && !decoded.includes(".")) return null;
  return (
    WRAPPER.exec(decoded)?.[1]?.slice(0, 120) ??
    DATA.exec(decoded)?.[1]?.slice(0, 120) ??
    LOCAL.exec(decoded)?.[1]?.slice(0, 120) ??
    JAR.exec(decoded)?.[1]?.slice(0, 120) ??
    FILTER.exec(decoded)?.[1] ??
    null
  );
}
