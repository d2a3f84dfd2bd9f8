import { describe, expect, it } from "vitest";
import { slackPayload, slackText } from "./slack-payload.ts";

const CONSOLE = "https://soc.example.test";

/** Every piece of text in a Slack message that Slack renders as mrkdwn. */
function mrkdwnTexts(payload: ReturnType<typeof slackPayload>): string[] {
  return [payload.text, ...payload.blocks.map((b) => b.text.text)];
}

/** What Slack would turn into a link or mention: `<…>` control sequences and bare URLs or domains. */
function linksAndMentions(text: string): string[] {
  const controls = [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]!);
  const bare = [
    ...text
      .replace(/<[^>]*>/g, " ")
      .matchAll(/\b(?:[a-z][a-z0-9+.-]*:\/\/\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}\b|@(?:channel|here|everyone)\b)/gi),
  ].map((m) => m[0]);
  return [...controls, ...bare];
}

function alertFor(userName: string) {
  return {
    id: "2b1d3e4f-0000-4000-8000-000000000001",
    title: `Brute force: ${userName}`,
    severity: "high",
    score: 75,
    entity: { type: "user", value: userName },
    ruleId: "sn-brute-force",
    count: 3,
    status: "new",
  };
}

describe("Slack payload", () => {
  it.each([
    "<https://evil.example|Click here>",
    "https://evil.example",
    "<!channel>",
    "<@U024BE7LH>",
    "see evil.example now",
    "`<!here>`",
    "@channel",
    "a&lt;b",
  ])("puts %s from event data in the message as text, never as a link or mention", (userName) => {
    const payload = slackPayload(alertFor(userName), CONSOLE);
    for (const text of mrkdwnTexts(payload)) {
      // The one link allowed: the alert in the console, its label plain text.
      const consoleLink = `${CONSOLE}/alerts/2b1d3e4f-0000-4000-8000-000000000001|`;
      expect(linksAndMentions(text).filter((l) => !(l.startsWith(consoleLink) && !l.includes("<")))).toEqual([]);
    }
  });

  it("shows event data readably: Slack's escapes, defanged URLs and domains, IP addresses as they are", () => {
    expect(slackText("<https://evil.example|Click here>")).toBe("&lt;https[://]evil[.]example|Click here&gt;");
    expect(slackText("<!channel> & <@U024BE7LH>")).toBe("&lt;!channel&gt; &amp; &lt;[@]U024BE7LH&gt;");
    expect(slackText("mallory@evil.example")).toBe("mallory[@]evil[.]example");
    expect(slackText("`x`\ny")).toBe("ˋxˋ y");
    expect(slackText("198.51.100.7")).toBe("198.51.100.7");
  });

  it("still links the alert in the console and keeps the raw values in the JSON", () => {
    const payload = slackPayload(alertFor("<!channel>"), CONSOLE);
    expect(payload.blocks[0]!.text.text).toContain(`<${CONSOLE}/alerts/2b1d3e4f-0000-4000-8000-000000000001|`);
    expect(payload.securenet.alert.entity.value).toBe("<!channel>");
  });
});
