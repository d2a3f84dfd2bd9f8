// The Slack-compatible message for an alert. The raw alert rides along as JSON for other receivers.

interface AlertSummary {
  id: string;
  title: string;
  severity: string;
  score: number;
  entity: { type: string; value: string };
  ruleId: string;
  count: number;
  status: string;
}

export function slackPayload(alert: AlertSummary, consoleUrl: string) {
  const link = `${consoleUrl.replace(/\/$/, "")}/alerts/${alert.id}`;
  return {
    text: `[${alert.severity.toUpperCase()} ${alert.score}] ${alert.title}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*<${link}|${alert.title}>*\nSeverity *${alert.severity}* (score ${alert.score}) · ${alert.entity.type} \`${alert.entity.value}\` · rule \`${alert.ruleId}\` · ${alert.count} event(s) · ${alert.status}` } },
    ],
    securenet: { alert },
  };
}
