import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectRobust } from "../robustness.ts";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { MAIL_LINES } from "./detector.ts";

const fires = (raw: string) => firing(MAIL_LINES, value(raw));
const BREAKS = fc.constantFrom("\r\n", "\n", "\r", "%0d%0a", "%0a", "%250d%250a");

describe("CR/LF injection into mail headers and mail protocols", () => {
  it("reads address and MIME headers by the shape of their value", () => {
    fc.assert(
      fc.property(BREAKS, fc.constantFrom("Bcc", "CC", "to", "Reply-To"), (br, h) =>
        fires(`a@example.com${br}${h}: evil@example.net`).includes("sn-mail-header-injection"),
      ),
    );
    expect(fires("x\nMIME-Version: 1.0")).toContain("sn-mail-header-injection");
    expect(fires("Hi\nTo: the team")).toEqual([]);
  });
  it("reads SMTP and IMAP command lines", () => {
    expect(fires("x\r\nMAIL FROM:<a@example.com>")).toContain("sn-smtp-imap-command");
    expect(fires("x\r\nRCPT TO: <b@example.com>")).toContain("sn-smtp-imap-command");
    expect(fires("INBOX\r\na1 LOGIN user pass")).toContain("sn-smtp-imap-command");
    expect(fires("x\nDATA\n")).toContain("sn-smtp-imap-command");
  });
  it("does not fire on multi-line prose and benign text", () => {
    for (const text of [...HARD_BENIGN, "Line one\nLine two: more\nthe end", "Hello\nlocation of the office: Paris"])
      expect([text, fires(text)]).toEqual([text, []]);
  });
  it("is robust", () => expectRobust(MAIL_LINES, ["\r\n", "\n", "\n ", "\na:", "\r\n\r\n"]));
});
