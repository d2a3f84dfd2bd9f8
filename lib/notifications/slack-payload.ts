// The Slack-compatible message for an alert. Titles, entity values and rule ids come from event
// data (a user name, a URL), so every one of them goes into mrkdwn through slackText: nothing an
// attacker logs can become a link, a mention or a broadcast in the SOC's channel. The raw alert
// rides along as JSON for other receivers.

/** What a notification says about an alert (the fields it names). */
interface NotifiedAlert {
  id: string;
  title: string;
  severity: string;
  score: number;
  entity: { type: string; value: string };
  ruleId: string;
  count: number;
  status: string;
}

/**
 * Untrusted text for Slack mrkdwn: Slack's own escapes for `&`, `<` and `>` (so no `<url|label>`,
 * `<!channel>` or `<@U…>`), then defanged the way SOCs share indicators, so Slack's auto-linker
 * finds no URL, domain or e-mail address: `://` becomes `[://]`, a dot before a letter `[.]`, and
 * `@` before a word `[@]` (IP addresses keep their dots). Backticks become `ˋ` so a value cannot
 * close the code span it is put in. Line breaks become spaces.
 */
export function slackText(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/`/g, "ˋ")
    .replace(/:\/\//g, "[://]")
    .replace(/\.(?=[\p{L}\p{N}]*\p{L})/gu, "[.]")
    .replace(/@(?=[\p{L}\p{N}_])/gu, "[@]");
}

const code = (value: string) => `\`${slackText(value)}\``;

export function slackPayload(alert: NotifiedAlert, consoleUrl: string) {
  const link = `${consoleUrl.replace(/\/$/, "")}/alerts/${alert.id}`;
  const severity = slackText(alert.severity);
  const title = slackText(alert.title);
  return {
    text: `[${severity.toUpperCase()} ${alert.score}] ${title}`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*<${link}|${title}>*\nSeverity *${severity}* (score ${alert.score}) · ${slackText(alert.entity.type)} ${code(alert.entity.value)} · rule ${code(alert.ruleId)} · ${alert.count} event(s) · ${slackText(alert.status)}`,
        },
      },
    ],
    securenet: { alert },
  };
}
