// CR/LF injection into mail (mail header and SMTP/IMAP command injection, WSTG-INPV-10,
// CAPEC-134 and CAPEC-183): a line break in a value followed by a line the protocol acts on.
// (HTTP's own lines, a second request or a response header, are read by grammar/http/.) Mail: an address or MIME
// header (Bcc:, Cc:, To:, Content-Type:) whose value has that header's shape (an address, a
// media type), so a pasted letter with "Subject: hi" in a message field does not fire. SMTP and
// IMAP: a command line of the grammar (MAIL FROM:<…>, RCPT TO:<…>, a1 LOGIN …).
import type { Input } from "../../payloads/inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "../../payloads/types.ts";
import { headerField, linesAfterBreaks } from "./lines.ts";

const ADDRESS_HEADERS = new Set([
  "bcc",
  "cc",
  "to",
  "from",
  "reply-to",
  "sender",
  "return-path",
  "resent-to",
  "resent-bcc",
]);
const MIME_HEADERS = new Set(["content-type", "mime-version", "content-transfer-encoding"]);
const ADDRESS = /^[^@\s]{0,64}@[a-z0-9.-]+|^[^<]{0,80}<[^>@\s]{1,64}@/;
const MIME = /^(?:[a-z]+\/[\w.+-]+|1\.0\b|(?:7bit|8bit|binary|base64|quoted-printable)\b)/;

const SMTP =
  /^(?:(?:mail\s+from|rcpt\s+to)\s*:\s*<?[^\s>]{0,64}@|(?:helo|ehlo)\s+[a-z0-9.-]+\s*$|(?:data|quit|rset)\s*$|(?:vrfy|expn)\s+\S)/;
const IMAP_COMMANDS =
  "login|select|examine|create|delete|rename|subscribe|list|lsub|status|append|fetch|store|copy|move|search|uid|capability|noop|logout|expunge|close|authenticate|starttls";
const IMAP = new RegExp(String.raw`^[a-z]{0,4}\d{1,6}\s+(?:${IMAP_COMMANDS})\b`);

/** A raw multipart body: its parts carry headers by design. */
const multipartBody = (i: Input) =>
  i.field === "http.request.body.content" && i.part === "" && /^\s*-{2,}[^\r\n]{1,200}\r?\n\s*content-/.test(i.decoded);
const hasBreak = (text: string) => text.includes("\n") || text.includes("\r");

function injectedMailHeader(i: Input): string | null {
  if (!hasBreak(i.decoded) || multipartBody(i)) return null;
  for (const line of linesAfterBreaks(i.decoded)) {
    const field = headerField(line.text);
    if (!field) continue;
    if (ADDRESS_HEADERS.has(field.name) && ADDRESS.test(field.value)) return line.text.slice(0, 80);
    if (MIME_HEADERS.has(field.name) && MIME.test(field.value) && field.name !== "content-type")
      return line.text.slice(0, 80);
  }
  return null;
}

function injectedCommand(i: Input): string | null {
  if (!hasBreak(i.decoded)) return null;
  for (const line of linesAfterBreaks(i.decoded)) {
    const text = line.text.trim();
    if (SMTP.test(text) || IMAP.test(text)) return text.slice(0, 80);
  }
  return null;
}

export const MAIL_LINES: PayloadDetector[] = [
  {
    id: "sn-mail-header-injection",
    title: "Mail header injection: CR/LF followed by an address or MIME header (Bcc:, Cc:, To:)",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: injectedMailHeader,
  },
  {
    id: "sn-smtp-imap-command",
    title: "SMTP/IMAP command injection: CR/LF followed by a protocol command",
    category: "protocol",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: injectedCommand,
  },
];
