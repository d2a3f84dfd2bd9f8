// Shell and mail-protocol command injection signals for paranoia levels 2-4: weaker, broader
// patterns an admin turns on when false positives are cheaper than misses. Command lines in
// request headers, commands assembled from variables, at jobs; mail protocol
// commands after a line break (SMTP, IMAP, POP3); and at level 3 commands with no separator.
// Names broken up with quotes, escapes, empty expansions or globs are read at level 1 by the
// shell grammar analysis (lib/detection/grammar/shell/).
import type { AttackTechniqueId } from "@/lib/vocabulary.ts";
import type { Input } from "./inputs.ts";
import { BODYLESS, WEB, type PayloadDetector } from "./types.ts";

const SHELL: AttackTechniqueId = "T1059.004";
/** Inputs the shell detectors read: the user agent too. */
const SHELL_FIELDS = [...BODYLESS, "user_agent.original"] as const;
/** Longest text the token scans read. */
const MAX_SCAN = 4096;

/* ------------------------------------------------------------------ shell */

/** Programs whose names are hardly ever words. */
const TOOLS = [
  "whoami|uname|wget|curl|ncat|netcat|nc|bash|sh|zsh|ksh|csh|tcsh|dash|python[23]?(?:\\.\\d+)?|php\\d?|perl|ruby|irb|node|lua|chmod|chown|chgrp|nslookup|ifconfig|ipconfig|netstat|pkill|killall|pgrep",
  "base64|base32|xxd|hexdump|mkfifo|telnet|tftp|ssh|scp|sftp|rsync|sudo|doas|passwd|useradd|adduser|usermod|userdel|visudo|crontab|systemctl|journalctl|dmesg|lsof|lsmod|modprobe|insmod|sysctl|iptables|tcpdump|nmap|busybox|socat|openssl|gcc|gdb|strace|ltrace|nohup|setsid|chroot",
  "ansible(?:-(?:playbook|galaxy|console|config|doc|inventory|pull|vault|test|connection|lint))?|chef-(?:shell|run|client|solo|apply|vault)|knife|salt-(?:call|run|key|ssh)|cscli|kubectl|crictl|mysql|psql|sqlite3|redis-cli|powershell|pwsh|certutil|bitsadmin|lwp-download|lwp-request|aria2c|smbclient|pwd|ping|uptime|hostname|printenv|ip",
].join("|");
/** Commands that are also words: they need shell syntax around them before they count. */
const WORDS =
  "cat|tac|ls|id|rm|cp|mv|ln|dd|wc|echo|printf|kill|sleep|find|head|tail|more|less|touch|ps|top|who|w|env|export|set|alias|awk|sed|grep|sort|cut|tr|od|nl|file|stat|time|timeout|watch|xargs|exec|eval|source|at|tar|zip|gzip|vi|vim|nano|ed|man|perf|cd|su|dig|host|tee|git|make|docker|apt|yum|npm|pip3?";

/** Variables set, then run as the command: a=/etc&&c=cat&&$c $a, x=nc;$x -lvp 4444. */
function variableCommand(text: string): string | null {
  if (!text.includes("$") || !text.includes("=")) return null;
  const scan = text.slice(0, MAX_SCAN);
  const assigned = new Set([...scan.matchAll(/(?:^|[;&|\n=]|\s)([a-z_]\w{0,20})=/g)].map((m) => m[1]!));
  if (assigned.size === 0) return null;
  for (const m of scan.matchAll(/(?:^|[;&|\n`]|\$\()[^\S\r\n]*\$\{?([a-z_]\w{0,20})\}?/g))
    if (assigned.has(m[1]!) && m.index > 0) return m[0].trim();
  return null;
}

/** An at job: ;at 2:00 "…", | at now. */
const AT_JOB =
  /(?:^|[;&\n])[^\S\r\n]*at\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|now|midnight|noon|teatime|tomorrow)(?:\s*\+\s*\d{1,4}\s*[a-z]{3,8})?\s*(?:['"]|<<|-f\s)|\|\s*at\s+(?:now|midnight|noon|teatime|\d{1,2}(?::\d{2})?)\b/;

/** A header that is a command line: env --version, ansible-vault decrypt x, cat /etc/passwd. */
const HEADER_WRAPPER = String.raw`(?:(?:time|nohup|strace|ltrace|nice|sudo|env|exec|command|timeout\s+\d+)\s+)*`;
const HEADER_TOOL = new RegExp(String.raw`^${HEADER_WRAPPER}(?:[\w.-]*/)*(${TOOLS})(?:\.exe)?(?:\s+\S|$)`);
const HEADER_WORD = new RegExp(
  String.raw`^${HEADER_WRAPPER}(?:${WORDS})\s+(?:-{1,2}[a-z][\w-]*(?:[\s=]|$)|[/~$]|[a-z]{2,3}=/)`,
);
/** Clients that send their bare name as the user agent. */
const AGENT_NAMES = /^(?:wget|curl|python[23]?(?:\.\d+)?|php\d?|perl|ruby|node|ping|lua|hostname)$/;
function commandLine(value: string): string | null {
  const v = value
    .trim()
    .replace(/^[a-z_][\w-]{0,20}=/, "")
    .replace(/['"]/g, "")
    .trim();
  if (v.length > 400) return null;
  const tool = HEADER_TOOL.exec(v);
  if (tool && !(tool[0].trim() === tool[1] && AGENT_NAMES.test(tool[1]!))) return tool[0].trim();
  return HEADER_WORD.exec(v)?.[0].trim() ?? null;
}
function headerCommand(input: Input): string | null {
  if (input.part.endsWith("#name")) return null;
  const direct = commandLine(input.decoded);
  if (direct !== null) return direct;
  // A referrer is a URL: its parameters are what the attacker wrote.
  const at = input.decoded.indexOf("?");
  if (at < 0 || !/^[a-z][\w+.-]*:\/\//.test(input.decoded)) return null;
  for (const pair of input.decoded.slice(at + 1, at + 1 + MAX_SCAN).split("&")) {
    const found = commandLine(pair.slice(pair.indexOf("=") + 1));
    if (found !== null) return found;
  }
  return null;
}

/* ------------------------------------------------------------------ mail protocols */

const LINE = String.raw`[\r\n][ \t]*`;
const END = String.raw`[ \t]*(?:[\r\n]|$)`;
const SMTP = new RegExp(
  String.raw`${LINE}(?:mail\s+from\s*:\s*<[^>\r\n]{0,100}>|rcpt\s+to\s*:\s*<[^>\r\n]{0,100}>|(?:ehlo|helo)\s+[\w.-]{1,100}${END}|(?:vrfy|expn)\s+\S{1,100}${END}|starttls${END})`,
);
const POP3 = new RegExp(
  String.raw`${LINE}(?:(?:retr|dele|list|top)\s+\d{1,9}(?:\s+\d{1,9})?${END}|apop\s+\S{1,100}\s+[0-9a-f]{32}|auth\s+(?:plain|login|cram-md5|xoauth2|[\w.-]{1,64}\s+[a-z0-9+/]{8,}={0,2})${END}|user[ \t]+\S{1,100}[ \t]*[\r\n]{1,4}[ \t]*pass[ \t]+\S)`,
);
/** An IMAP command line: a tag, a command and arguments shaped the way only IMAP shapes them. */
const IMAP_TAG = String.raw`(?:[a-z]{0,4}\d{1,5}|[a-z])`;
const SEQUENCE = String.raw`(?:\d{1,9}|\*)(?::(?:\d{1,9}|\*))?(?:,(?:\d{1,9}|\*)(?::(?:\d{1,9}|\*))?){0,20}`;
const MAILBOX = String.raw`(?:inbox\S*|"[^"\r\n]{0,100}"|[\w./-]{1,100})`;
const IMAP = new RegExp(
  String.raw`${LINE}${IMAP_TAG}\s+(?:` +
    [
      String.raw`(?:capability|noop|logout|check|close|expunge|idle|starttls|unselect)${END}`,
      String.raw`authenticate\s+(?:plain|login|cram-md5|xoauth2|gssapi|external|scram-sha-\d+)\b`,
      String.raw`login\s+\S{1,100}\s+\S{1,100}${END}`,
      String.raw`(?:select|examine|create|delete|subscribe|unsubscribe)\s+${MAILBOX}${END}`,
      String.raw`(?:rename|list|lsub)\s+${MAILBOX}\s+${MAILBOX}${END}`,
      String.raw`status\s+${MAILBOX}\s+\((?:messages|recent|uidnext|uidvalidity|unseen|size|\s){1,60}\)`,
      String.raw`append\s+${MAILBOX}(?:\s+\([^)\r\n]{0,100}\))?(?:\s+"[^"\r\n]{0,60}")?\s+\{\d{1,9}\+?\}`,
      String.raw`(?:uid\s+)?(?:fetch|store|copy|move)\s+${SEQUENCE}\s+\S`,
      String.raw`uid\s+(?:search|expunge)\b`,
      String.raw`search\s+(?:charset\s+\S{1,40}\s+)?(?:all|answered|deleted|flagged|new|old|recent|seen|unseen|unanswered|undeleted|unflagged|draft|since|before|on|from|to|subject|text|body|larger|smaller|uid|not|or|header)\b`,
    ].join("|") +
    ")",
);
/** At level 3: the bare SMTP verbs that take no argument, and HELP. */
const MAIL_BARE = new RegExp(String.raw`${LINE}(?:data|quit|rset|noop|turn|help(?:[ \t]+\w{1,30})?)${END}`);

/* ------------------------------------------------------------------ level 3: commands without separators */

const BARE_COMMANDS = String.raw`(?:${TOOLS}|who|w|id|ls|cat|ps|env|vi|vim|ed|at|su)`;
const WRAPPED_BARE = new RegExp(
  String.raw`^\s*(?:time|nohup|strace|ltrace|nice|timeout\s+\d+\w?|watch|xargs|env|sudo|doas|exec|command|builtin)\s+(?:-[\w-]+\s+)*${BARE_COMMANDS}(?:\s|$)`,
);
/** A separator glued to a command: |vi (x, &w (x. */
const GLUED = new RegExp(String.raw`(?:^|[^\s&|;])[;|&]${BARE_COMMANDS}(?:\s+\S|\s*$)`);
const HISTORY = /^\s*!(?:!|-?\d{1,4})\s*$/;

export const SHELL_PARANOID: PayloadDetector[] = [
  {
    id: "sn-cmdi-header-command",
    title: "Command injection: a request header that is a shell command",
    category: "command_injection",
    points: 4,
    technique: SHELL,
    paranoia: 2,
    fields: ["user_agent.original", "http.request.referrer", "http.request.headers"],
    match: headerCommand,
  },

  {
    id: "sn-cmdi-variable-command",
    title: "Command injection: command assembled from shell variables",
    category: "command_injection",
    points: 5,
    technique: SHELL,
    paranoia: 2,
    fields: SHELL_FIELDS,
    match: (i) => (i.part === "path" ? null : variableCommand(i.decoded)),
  },

  {
    id: "sn-cmdi-at-job",
    title: "Command injection: job scheduled with at",
    category: "command_injection",
    points: 4,
    technique: "T1053.002",
    paranoia: 2,
    fields: SHELL_FIELDS,
    match: (i) => (i.part === "path" ? null : (AT_JOB.exec(i.decoded.slice(0, MAX_SCAN))?.[0] ?? null)),
  },
  {
    id: "sn-mail-command-injection",
    title: "Mail command injection: SMTP, IMAP or POP3 command after a line break",
    category: "command_injection",
    points: 4,
    technique: WEB,
    paranoia: 2,
    fields: BODYLESS,
    match: (i) =>
      /[\r\n]/.test(i.decoded)
        ? (SMTP.exec(i.decoded)?.[0].trim() ??
          IMAP.exec(i.decoded)?.[0].trim() ??
          POP3.exec(i.decoded)?.[0].trim() ??
          null)
        : null,
  },
  {
    id: "sn-mail-command-bare",
    title: "Mail command injection: bare SMTP verb after a line break",
    category: "command_injection",
    points: 2,
    technique: WEB,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) => (/[\r\n]/.test(i.decoded) ? (MAIL_BARE.exec(i.decoded)?.[0].trim() ?? null) : null),
  },
  {
    id: "sn-cmdi-bare-command",
    title: "Command injection: command without a separator, wrapped or glued to one",
    category: "command_injection",
    points: 3,
    technique: SHELL,
    paranoia: 3,
    fields: BODYLESS,
    match: (i) => {
      if (i.part === "path" || i.part.endsWith("#name")) return null;
      const text = i.decoded.slice(0, MAX_SCAN);
      return (
        WRAPPED_BARE.exec(unobfuscateLine(text))?.[0].trim() ??
        GLUED.exec(text)?.[0] ??
        HISTORY.exec(text)?.[0].trim() ??
        null
      );
    },
  },
];

/** A line with quotes and empty quote pairs taken out: ti''me who, 'time' who. */
function unobfuscateLine(text: string): string {
  return /['"\\]/.test(text) ? text.replace(/['"\\]/g, "") : text;
}
