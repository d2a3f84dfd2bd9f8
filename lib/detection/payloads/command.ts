// OS command injection: a shell separator followed by a command, command substitution, shell
// evasions (globs, brace, tilde and history expansions, aliases, here-strings), tools by absolute
// path, wrappers that run another program, the Windows command interpreters, and uploads that
// reconfigure the server. Program names come in two tiers: tool names that are hardly ever
// English, and commands that are also words ("cat", "time", "set"), which need shell syntax
// around them before they count, so prose with semicolons stays quiet.
import { BODYLESS, type PayloadDetector } from "./types.ts";
import type { Input } from "./inputs.ts";
import { uploadedFileNames } from "./uploads.ts";

/** Inputs the shell detectors read: the user agent too (shellshock, logged agents). */
const FIELDS = [...BODYLESS, "user_agent.original"] as const;

const TOOLS = [
  "whoami|uname|wget|curl|ncat|netcat|nc|bash|sh|zsh|ksh|csh|tcsh|python[23]?(?:\\.\\d+)?|php|irb|jrunscript|chmod|chown|chgrp|nslookup",
  "ifconfig|ipconfig|ip\\s+a|netstat|ss\\s+-\\w+|pkill|killall|pgrep|base64|base32|basenc|xxd|hexdump|mkfifo|telnet|tftp|ssh|scp|sftp|rsync|sudo|doas|passwd|useradd|usermod|adduser|visudo",
  "crontab|systemctl|journalctl|dmesg|lsof|lsmod|modprobe|insmod|sysctl|iptables|nft|ufw|tcpdump|nmap|masscan|sqlmap|hydra|msfconsole|msfvenom|busybox|socat|openssl|xterm|gcc|g\\+\\+|c89|c99|clang|gdb|strace|ltrace",
  "nohup|setsid|chroot|unshare|nsenter|capsh|cpulimit|flock|taskset|ionice|stdbuf|unbuffer|htop|lastlog|lastlogin|aptitude|apt-get|yum|dnf|dpkg|kubectl|podman|crictl|mysql|psql|sqlite3|redis-cli|mongo|mongosh",
  // Configuration management and host security tools: as good as a shell on the machines they run on.
  "ansible(?:-[a-z]+)?|chef-(?:shell|run|client|solo|apply)|salt-(?:call|run|key|ssh)|cscli|rmt-(?:tar|dump)|aa-(?:disable|complain|enforce|exec|status|teardown|remove-unknown)",
  "systeminfo|sysinfo|hostname|hostnamectl|getent|printenv|gunzip|unxz|bzip2|zcat|bzcat|xzcat|zstd|unzip|7z|cpio|lwp-download|lwp-request|aria2c|lftp|smbclient|powershell|pwsh|cmd|certutil|bitsadmin|mshta|rundll32|regsvr32|wmic",
  "tasklist|taskkill|regedit|reg\\s+(?:add|query|delete|save|export)|bcdboot|bcdedit|vssadmin|wevtutil|schtasks|netsh|icacls|takeown|cscript|wscript|msiexec|forfiles|diskpart|ntdsutil|wbadmin|net\\s+(?:user|localgroup|share|use)|iwr|irm|iex",
].join("|");

const WORDS =
  "npm|ruby|perl|lua|node|ping|dig|dash|ash|fish|apt|gem|su|cc|composer|docker|pip3?|rpm|cat|tac|ls|id|rm|cp|mv|ln|dd|wc|echo|printf|kill|sleep|find|head|tail|more|less|touch|ps|top|who|w|last|env|export|set|unset|alias|type|dir|awk|sed|grep|sort|uniq|cut|column|fold|comm|paste|join|tr|rev|od|nl|file|stat|time|timeout|watch|xargs|exec|eval|source|history|trap|at|batch|tar|zip|xz|gzip|host|service|java|ab|install|mount|df|du|free|uptime|make|git|vi|vim|nano|ed|man|screen|tmux|perf|rmt|locate|whereis|which|knife|puppet";

const SEP = String.raw`(?:[;|\n\r]|&&|\|\||\$\(|\$\{ifs\}|%0a)`;
/**
 * Blanks after a separator, line breaks excepted: a line break is a separator itself, so a match
 * starts at the last one of a run. (With \s* a run of n line breaks was n starts each reading the
 * whole run: quadratic, seconds on a 30 KB header.)
 */
const GAP = String.raw`[^\S\r\n]*`;
/** An optional path, quote or backslash before the program name: ;/usr/bin/id, ;'curl', \ls. */
const PROGRAM_PREFIX = String.raw`${GAP}(?:\{\s*)?(?:\$[a-z_]\w{0,10}\s+)?['"\\]?(?:[\w/.\\-]*[/\\])?`;
const chainedTool = new RegExp(
  String.raw`(?:${SEP}|&)${PROGRAM_PREFIX}(?:${TOOLS})(?:\.exe)?['"]?(?=$|[\s;|&<>'"\`)},/\\]|\$)`,
);
const chainedWord = new RegExp(
  String.raw`${SEP}${PROGRAM_PREFIX}(?:${WORDS})['"]?(?:\s*$|\s+-{1,2}[a-z]|\s+[/~$'"]|\s*[|<>&\`])`,
);
/** Any program name after a separator, when options follow: ;rmt --version, ;flock -u / id. */
const chainedWithOptions = new RegExp(
  String.raw`${SEP}${GAP}['"]?[a-z][\w.+-]{1,30}['"]?\s+-{1,2}[a-z][\w-]*(?:[\s=,]|$)`,
);
/**
 * \`cmd\` substitution: a backtick span that starts with a command, unless it reads as a Markdown
 * code span in prose (space or start before it, closed, and a word after it).
 */
const BACKTICK_COMMAND = new RegExp(
  String.raw`(?<!\`)\`(?!\`)\s*['"\\]?(?:[\w/.\\-]*[/\\])?(?:${TOOLS}|${WORDS})(?=[\s\`;|&<>'"]|$)[^\`]{0,120}(\`|$)`,
  "g",
);
function backtickCommand(text: string): string | null {
  if (!text.includes("`")) return null;
  for (const m of text.matchAll(BACKTICK_COMMAND)) {
    const before = text[m.index - 1];
    const prose =
      (before === undefined || /\s/.test(before)) &&
      m[1] === "`" &&
      /^\s+[a-z]/.test(text.slice(m.index + m[0].length));
    if (!prose) return m[0];
  }
  return null;
}

/** Programs that run another one: time sh -c id, nohup ifconfig, strace curl …. */
const wrapped = new RegExp(
  String.raw`(?:^|${SEP})${GAP}(?:time|nohup|strace|ltrace|timeout\s+\d+\w?|nice|ionice|stdbuf|setsid|chroot|flock|cpulimit|taskset|xargs|watch|env|sudo|doas|unbuffer|command|exec|builtin)\s+(?:-[\w-]+\s+)*(?:${TOOLS})(?=$|[\s;|&<>'"\`)])`,
);
const changeDirectory = new RegExp(String.raw`(?:^|${SEP})${GAP}cd\s+(?:/|~|\.\.|\$)`);
const aliasDefinition = new RegExp(String.raw`(?:^|${SEP})${GAP}alias\s+(?:[-+][\w+]*\s+)*['"]?[^\s='"]{1,30}['"]?=`);

/** Bash brace expansion that spells a command: {l,-lh}s, c{a,oun}t, {,ifconfig}. */
const COMMAND_LINE = new RegExp(String.raw`^(?:${TOOLS}|${WORDS})(?:\s|$)`);
function braceCommand(text: string): string | null {
  if (!text.includes("{") || !text.includes(",")) return null;
  const match = /([\w-]{0,20})\{([^{}\s]{0,60},[^{}\s]{0,60})\}([\w-]{0,20})/.exec(text);
  if (!match) return null;
  const [whole, before = "", inner = "", after = ""] = match;
  const words = inner
    .split(",")
    .map((part) => `${before}${part}${after}`)
    .filter(Boolean);
  return COMMAND_LINE.test(words.join(" ")) ? whole : null;
}

/** Leading tools so unambiguous that any argument makes the value a command line. */
const LEADING_TOOL =
  /^\s*(?:aa-(?:disable|complain|enforce|teardown)|whoami|uname|wget|curl|ncat|netcat|ifconfig|ipconfig|netstat|nslookup|busybox|socat|mkfifo|useradd|crontab|chmod|chown|ls)\s+\S/;

/** A program name escaped with a backslash, which the shell ignores: \\ls. */
const ESCAPED_PROGRAM = new RegExp(String.raw`^\s*\\(?:${TOOLS}|${WORDS})\s*$`);

/** File names an upload must never have: server and interpreter configuration, credentials. */
const CONFIG_FILE =
  /^(?:\.htaccess|\.htpasswd|\.user\.ini|php\.ini|web\.config|wp-config.*|settings[._-]?php.*|config\.(?:php|ya?ml|json|inc|ini)|local\.settings\.php|\.env(?:\.[\w-]+)?|\.boto|\.bashrc|\.bash_profile|\.profile|\.npmrc|\.pypirc|\.netrc|authorized_keys|crontab)$/;
function uploadedConfigFile(i: Input): string | null {
  return uploadedFileNames(i).find((name) => CONFIG_FILE.test(name)) ?? null;
}

export const COMMAND_INJECTION: PayloadDetector[] = [
  {
    id: "sn-cmdi-chain",
    title: "Command injection: shell separator followed by a command",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      chainedTool.exec(i.decoded)?.[0] ??
      chainedWord.exec(i.decoded)?.[0] ??
      backtickCommand(i.decoded) ??
      (i.field === "user_agent.original" ? null : (chainedWithOptions.exec(i.decoded)?.[0] ?? null)),
  },
  {
    id: "sn-cmdi-substitution",
    title: "Command injection: command substitution or shell variable tricks",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      /\$\([^)]{1,200}\)|`[^`]{1,120}`(?=\s*(?:$|[;|&]))|\$\{?ifs\}?|\$\{(?:path|home|shell|pwd):?\d*:?\d*\}|\/dev\/(?:tcp|udp)\/|<\(|\b(?:ba|z|k|da|a)?sh\s+-[ci]\b|\bexec\s+\d*[<>]|\(\s*(?:ba|z|k|da)?sh\s*\)|\b(?:ba|z|k|da)?sh\s*,\s*-c\b/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-cmdi-shell-evasion",
    title: "Command injection: shell glob, expansion, alias or here-string",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      /(?<!:\/)\/[\w.]*\[[!^]?[^\]\s]{1,12}\][\w.]*(?:\/|\s|$)|\/[\w.]*\?[\w.?]*\/|\$\[[^\]]{0,256}\]|\$\{\w{0,64}[#%^,][^}]{0,256}\}|\$\{:?[\d:-]{1,64}[^}]{0,256}\}|[<>]\([^)]{1,80}\)|^\s*\(\)\s*\{|\(\)\s*\{\s*(?::\s*)?;\s*\}\s*;|\$\{?shell\}?\s+-c\b|[\w.)]\s*<<<\s*\S|^\s*~[+-]\d{0,3}\s*$|^\s*(?:!-\d{1,4}){1,5}\s*$/.exec(
        i.decoded,
      )?.[0] ??
      braceCommand(i.decoded) ??
      aliasDefinition.exec(i.decoded)?.[0] ??
      null,
  },
  {
    id: "sn-cmdi-leading-command",
    title: "Command injection: a parameter that is a shell command",
    category: "command_injection",
    points: 4,
    technique: "T1059.004",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) =>
      i.part === "path"
        ? null
        : (/(?:^|["'>])\s*(?:cat|ls|id|uname|wget|curl|nc|ncat|bash|sh|python[23]?|perl|chmod|tar|gunzip|unxz|base64|whoami|ifconfig|netstat)\s+(?:-{1,2}[a-z]+\s+)*[/~$]/.exec(
            i.decoded,
          )?.[0] ??
          /(?:^|[\s=])(?:\/?(?:usr\/)?(?:local\/)?s?bin\/)[a-z][\w.-]{1,30}(?:\s|$)/.exec(i.decoded)?.[0] ??
          LEADING_TOOL.exec(i.decoded)?.[0] ??
          ESCAPED_PROGRAM.exec(i.decoded)?.[0] ??
          wrapped.exec(i.decoded)?.[0] ??
          changeDirectory.exec(i.decoded)?.[0] ??
          null),
  },
  {
    id: "sn-cmdi-unix-path",
    title: "Command injection: shell or tool by absolute path",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      /(?:^|[\s;|&`'"(=])\/(?:usr\/)?(?:local\/)?s?bin\/(?:ba|z|k|da)?sh\b|(?:^|[\s;|&`'"(=])\/(?:usr\/)?s?bin\/(?:cat|ls|id|nc|ncat|wget|curl|python\d?|perl|ruby|php|busybox|socat|chmod|rm|uname|whoami)\b/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-cmdi-windows",
    title: "Command injection: Windows command interpreter",
    category: "command_injection",
    points: 5,
    technique: "T1059.003",
    paranoia: 1,
    fields: FIELDS,
    match: (i) =>
      /\bcmd(?:\.exe)?\s*\/[ck]\b|\bpowershell(?:\.exe)?\s+-(?:e|enc|encodedcommand|nop|noni|w|c|command|exec)\b|\b(?:certutil|bitsadmin|mshta|rundll32|regsvr32|wmic)(?:\.exe)?\s+[-/]\w|\biex\s*\(|\binvoke-(?:expression|webrequest)\b|\bnet\s+(?:user|localgroup)\s+\S+\s+\/add\b/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-cmdi-config-upload",
    title: "Upload of a server configuration or credentials file",
    category: "command_injection",
    points: 5,
    technique: "T1505.003",
    paranoia: 1,
    fields: ["http.request.body.content", "http.request.headers"],
    match: uploadedConfigFile,
  },
];
