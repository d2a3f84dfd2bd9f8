// OS command injection: a shell separator followed by a command, command substitution, shell
// evasions (globs, expansions), tools by absolute path, the Windows command interpreters.
import { BODYLESS, type PayloadDetector } from "./types.ts";

const SHELL_COMMANDS = "cat|tac|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|dash|python[23]?|perl|ruby|php|lua|node|chmod|chown|rm|echo|printf|ping|nslookup|dig|host|ifconfig|ipconfig|ip\\s+a|netstat|ps|kill|pkill|sleep|find|head|tail|more|less|base64|xxd|touch|mkfifo|telnet|tftp|ftp|ssh|scp|sudo|su|passwd|useradd|crontab|systemctl|service|awk|sed|grep|env|export|set|dir|type|net\\s+user|net\\s+localgroup|powershell|pwsh|cmd|certutil|bitsadmin|mshta|rundll32|regsvr32|wmic|reg\\s+add|tasklist|taskkill|whoami\\.exe|busybox|socat|openssl|xterm|gcc|cc|java|jrunscript|sysinfo|systeminfo|hostname|wc|dd|cp|mv|tar|zip|unzip|curl\\.exe|wget\\.exe|iwr|irm|iex|iwmi|saps|sal|gunzip|unxz|xz|bzip2|ab|visudo";
const chained = new RegExp(String.raw`(?:[;|\n\r]|(?<!\`)\`(?!\`)|&&|\|\||\$\(|\$\{ifs\}|%0a)\s*(?:\{\s*)?(?:[\w/.\\-]*[/\\])?(?:${SHELL_COMMANDS})(?:\.exe)?(?=$|[\s;|&<>'"\`)},/\\]|\$)`, "i");


export const COMMAND_INJECTION: PayloadDetector[] = [
  { id: "sn-cmdi-chain", title: "Command injection: shell separator followed by a command", category: "command_injection", points: 5, technique: "T1059.004", paranoia: 1, fields: BODYLESS, match: (i) => chained.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-cmdi-substitution",
    title: "Command injection: command substitution or shell variable tricks",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /\$\([^)]{1,200}\)|`[^`]{1,120}`(?=\s*(?:$|[;|&]))|\$\{?ifs\}?|\$\{(?:path|home|shell|pwd):?\d*:?\d*\}|\/dev\/(?:tcp|udp)\/|<\(|\b(?:bash|sh|zsh)\s+-[ci]\b|\bexec\s+\d*[<>]/.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-cmdi-shell-evasion",
    title: "Command injection: shell glob, expansion or process substitution",
    category: "command_injection",
    points: 5,
    technique: "T1059.004",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) =>
      /\/[\w.]*\[[!^]?[^\]\s]{1,12}\][\w.]*(?:\/|\s|$)|\/[\w.]*\?[\w.?]*\/|\$\[[^\]]*\]|\$\{\w*[#%^,][^}]*\}|\$\{:?[\d:-]+[^}]*\}|[<>]\([^)]{1,80}\)|^\s*\(\)\s*\{|\(\)\s*\{\s*:?\s*;\s*\}\s*;|\$\{?shell\}?\s+-c\b/.exec(i.decoded)?.[0] ?? null,
  },
  {
    id: "sn-cmdi-leading-command",
    title: "Command injection: a parameter that is a shell command",
    category: "command_injection",
    points: 4,
    technique: "T1059.004",
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => (i.part === "path" ? null : /^\s*(?:cat|ls|id|uname|wget|curl|nc|ncat|bash|sh|python[23]?|perl|chmod|tar|gunzip|unxz|base64|whoami|ifconfig|netstat)\s+(?:-{1,2}[a-z]+\s+)*[/~$]/.exec(i.decoded)?.[0] ?? /(?:^|[\s=])(?:\/?(?:usr\/)?(?:local\/)?s?bin\/)[a-z][\w.-]{1,30}(?:\s|$)/.exec(i.decoded)?.[0] ?? null),
  },
  { id: "sn-cmdi-unix-path", title: "Command injection: shell or tool by absolute path", category: "command_injection", points: 5, technique: "T1059.004", paranoia: 1, fields: BODYLESS, match: (i) => /(?:^|[\s;|&`'"(=])\/(?:usr\/)?(?:local\/)?s?bin\/(?:ba|z|k|da)?sh\b|(?:^|[\s;|&`'"(=])\/(?:usr\/)?s?bin\/(?:cat|ls|id|nc|ncat|wget|curl|python\d?|perl|ruby|php|busybox|socat|chmod|rm|uname|whoami)\b/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-cmdi-windows", title: "Command injection: Windows command interpreter", category: "command_injection", points: 5, technique: "T1059.003", paranoia: 1, fields: BODYLESS, match: (i) => /\bcmd(?:\.exe)?\s*\/[ck]\b|\bpowershell(?:\.exe)?\s+-(?:e|enc|encodedcommand|nop|noni|w|c|command|exec)\b|\b(?:certutil|bitsadmin|mshta|rundll32|regsvr32|wmic)(?:\.exe)?\s+[-/]\w|\biex\s*\(|\binvoke-(?:expression|webrequest)\b|\bnet\s+(?:user|localgroup)\s+\S+\s+\/add\b/.exec(i.decoded)?.[0] ?? null },

];
