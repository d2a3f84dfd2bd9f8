// Cross-site scripting, path traversal and file inclusion, OS command, PHP and Java injection,
// SSRF and attack-tool user agents. Written from the attack classes: each pattern needs the
// syntax an attack cannot do without (a tag with a handler, a traversal sequence, a shell
// separator followed by a command…), which ordinary text and code snippets rarely have.
import type { PayloadDetector } from "./types.ts";

const WEB = "T1190";
const BODYLESS = ["url.original", "http.request.body.content", "http.request.referrer", "http.request.cookie", "http.request.headers"] as const;

const SHELL_COMMANDS = "cat|tac|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|dash|python[23]?|perl|ruby|php|lua|node|chmod|chown|rm|echo|printf|ping|nslookup|dig|host|ifconfig|ipconfig|ip\\s+a|netstat|ps|kill|pkill|sleep|find|head|tail|more|less|base64|xxd|touch|mkfifo|telnet|tftp|ftp|ssh|scp|sudo|su|passwd|useradd|crontab|systemctl|service|awk|sed|grep|env|export|set|dir|type|net\\s+user|net\\s+localgroup|powershell|pwsh|cmd|certutil|bitsadmin|mshta|rundll32|regsvr32|wmic|reg\\s+add|tasklist|taskkill|whoami\\.exe|busybox|socat|openssl|xterm|gcc|cc|java|jrunscript|sysinfo|systeminfo|hostname|wc|dd|cp|mv|tar|zip|unzip|curl\\.exe|wget\\.exe|iwr|irm|iex|iwmi|saps|sal|gunzip|unxz|xz|bzip2|ab|visudo";
const chained = new RegExp(String.raw`(?:[;|\n\r]|(?<!\`)\`(?!\`)|&&|\|\||\$\(|\$\{ifs\}|%0a)\s*(?:\{\s*)?(?:[\w/.\\-]*[/\\])?(?:${SHELL_COMMANDS})(?:\.exe)?(?=$|[\s;|&<>'"\`)},/\\]|\$)`, "i");

export const WEB_ATTACKS: PayloadDetector[] = [
  // Cross-site scripting
  { id: "sn-xss-script-tag", title: "XSS: script tag", category: "xss", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /<\s*\/?\s*script\b[^>]*>?/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-xss-event-handler",
    title: "XSS: HTML tag with an event handler",
    category: "xss",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /<[a-z][\w:-]*[\s/][^>]*?\bon[a-z]{3,}\s*=/.exec(i.decoded)?.[0] ?? /(?:^|["'`])\s*\/?\s*on(?:error|load|mouse\w+|focus|blur|click|toggle|begin|animation\w+|transition\w+|pointer\w+|key\w+|input|change|submit|wheel|scroll|play|end|start|pageshow|hashchange|message|popstate|resize|unload|beforeunload)\s*=/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-xss-js-uri", title: "XSS: javascript: or data:text/html URI", category: "xss", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /\b(?:java|vb|live)script\s*:|\bdata\s*:\s*(?:text\/html|image\/svg\+xml|application\/x?html)/.exec(i.decoded.replace(/[\s\u0000-\u001f]+/g, ""))?.[0] ?? null },
  {
    id: "sn-xss-dangerous-tag",
    title: "XSS: active HTML element",
    category: "xss",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /<\s*(?:iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|style|form|isindex|xss|import|template|portal)\b[^>]*>?/.exec(i.decoded)?.[0] ?? /<\s*(?:img|image|video|audio|source|body|input|details|marquee|a|div|button|textarea|select|keygen)\b[^>]*\b(?:src|href|action|formaction|background|dynsrc|lowsrc|style)\s*=\s*["']?\s*(?:javascript|vbscript|data|&#|\\)/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-xss-dom-sink", title: "XSS: script code (DOM sink or dialog)", category: "xss", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /(?:^|[;'"`>(\s+\-*/|&])(?:alert|prompt|confirm|eval|settimeout|setinterval|fetch)\s*(?:\(|`)[^)]{0,60}\)?\s*(?:[;<\-+*/|&'"`]|$)|\bdocument\s*\.\s*(?:cookie|domain|write(?:ln)?\s*\()|\bwindow\s*\.\s*(?:location|name|open\s*\()|\bstring\s*\.\s*fromcharcode\s*\(|\.innerhtml\s*=|\bconstructor\s*\(\s*['"]/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-css-expression", title: "XSS: CSS expression or binding", category: "xss", points: 3, technique: WEB, paranoia: 2, fields: BODYLESS, match: (i) => /\bexpression\s*\(|-moz-binding\s*:|behavior\s*:\s*url\s*\(|@import\s+["']?(?:javascript|data):/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-xss-angle-bracket", title: "HTML markup in a parameter", category: "xss", points: 2, technique: WEB, paranoia: 3, fields: BODYLESS, match: (i) => /<\s*[a-z!\/?][^>]*>/.exec(i.decoded)?.[0] ?? null },

  // Path traversal and file inclusion
  { id: "sn-lfi-traversal", title: "Path traversal: parent-directory sequence", category: "path_traversal", points: 5, technique: "T1083", paranoia: 1, match: (i) => /(?:\.{2,3}(?:[/\\]|;\/|\x00)\s*){2,}|^\s*\.{2,3}(?:[/\\]|;\/|\x00)|[/\\]\.{2,3}(?:[/\\]|$)|\.{2,3}(?:[/\\]|;\/)(?=[\w.-]*[/\\]?(?:etc|proc|windows|winnt|boot|var|usr|root|home|sys|web-inf)\b)/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-lfi-system-file",
    title: "File inclusion: operating system or secret file",
    category: "path_traversal",
    points: 5,
    technique: "T1083",
    paranoia: 1,
    match: (i) =>
      /(?:^|[/\\=:])(?:etc[/\\](?:passwd|shadow|group|hosts|issue|sudoers|crontab|master\.passwd|security[/\\]\w+|ssh[/\\]\w+|mysql[/\\]my\.cnf|nginx[/\\]|httpd[/\\]|apache2?[/\\])|proc[/\\](?:self|\d+)[/\\]\w+|var[/\\](?:log|lib[/\\]mysql|mail|spool)[/\\]|(?:boot|win|system)\.ini|windows[/\\](?:system32|win\.ini|repair)|\.htaccess|\.htpasswd|web\.config|wp-config\.php|\.ssh[/\\](?:id_\w+|authorized_keys)|\.(?:bash_history|aws[/\\]credentials|git[/\\]config|env)\b)/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-lfi-wrapper", title: "File inclusion: stream wrapper", category: "path_traversal", points: 5, technique: WEB, paranoia: 1, match: (i) => /\b(?:php|file|zip|phar|expect|glob|data|jar|netdoc|compress\.zlib|compress\.bzip2)\s*:\/\/|\bphp:\/\/(?:filter|input|stdin|memory|temp|fd)/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-rfi-remote-url",
    title: "Remote file inclusion: URL to an address or ending in ?",
    category: "rfi",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.headers"],
    match: (i) => (i.part === "path" ? null : /^\s*(?:https?|ftps?|smb|dav|sftp):\/\/(?:[^/]*@)?(?:\d{1,3}\.){3}\d{1,3}\b.*|^\s*(?:https?|ftps?|smb):\/\/[^?#]+\?+\s*$|^\s*(?:https?|ftps?):\/\/.*\.(?:txt|php|phtml|inc|sh|pl|py|jsp|asp)\?*\s*$/.exec(i.decoded)?.[0] ?? null),
  },
  { id: "sn-rfi-include-param", title: "Remote file inclusion: include-style parameter with a URL", category: "rfi", points: 4, technique: WEB, paranoia: 2, fields: ["url.original", "http.request.body.content"], match: (i) => (/^(?:file|page|include|inc|path|template|tpl|doc|document|folder|root|dir|lang|module|load|url|src|view|content|site)$/.test(i.part.toLowerCase()) ? /^\s*(?:https?|ftps?|smb):\/\/\S+/.exec(i.decoded)?.[0] ?? null : null) },

  // OS command injection
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

  // PHP injection
  { id: "sn-php-open-tag", title: "PHP injection: PHP code tag", category: "php_injection", points: 5, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /<\?(?:php\b|=)|\[\?php/.exec(i.decoded)?.[0] ?? null },
  {
    id: "sn-php-functions",
    title: "PHP injection: dangerous PHP function call",
    category: "php_injection",
    points: 5,
    technique: WEB,
    paranoia: 1,
    fields: BODYLESS,
    match: (i) => /\b(?:shell_exec|passthru|proc_open|popen|pcntl_exec|phpinfo|base64_decode|gzinflate|str_rot13|create_function|call_user_func(?:_array)?|assert|file_put_contents|file_get_contents|fsockopen|move_uploaded_file|preg_replace|system|exec|eval)\s*\(.{0,80}(?:\$_(?:get|post|request|cookie|server)|\)\s*;|\$\w+|['"][^'"]{0,40}['"]\s*\))/.exec(i.decoded)?.[0] ?? /\$_(?:get|post|request|cookie|server|files|env)\s*\[/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-php-serialized", title: "PHP injection: serialized object", category: "php_injection", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /\b[oc]:\d+:"[a-z_\\][\w\\]*":\d+:\{/.exec(i.decoded)?.[0] ?? null },

  // Java
  { id: "sn-java-jndi", title: "Java injection: JNDI lookup (Log4Shell)", category: "java_injection", points: 5, technique: WEB, paranoia: 1, match: (i) => /\$\{(?:[^}]{0,40}:)?(?:j|\$\{[^}]{0,20}\})(?:n|\$\{[^}]{0,20}\})[^}]{0,60}:|\$\{jndi\s*:|\$\{\s*(?:lower|upper|env|sys|java|date|base64|main|ctx|marker|bundle|spring|k8s|docker)\s*:/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-java-class-loader", title: "Java injection: class loader or runtime access", category: "java_injection", points: 5, technique: WEB, paranoia: 1, match: (i) => /\bclass\s*\.\s*(?:module\s*\.\s*)?classloader\b|\bjava\.(?:lang\.)?(?:runtime|processbuilder|system|reflect)\b|\.getruntime\s*\(\s*\)\s*\.\s*exec|#_memberaccess|@java\.lang|%\{\s*#|\bnew\s+java\.|\bt\(java\.lang|\bjavax?\.script\.scriptenginemanager/.exec(i.decoded)?.[0] ?? null },
  { id: "sn-java-serialized", title: "Java injection: serialized Java object", category: "java_injection", points: 5, technique: WEB, paranoia: 1, match: (i) => /\bro0ab[a-z0-9+/=]{8,}|\baced0005[0-9a-f]{4,}|h4siaaaaaaaaa[a-z0-9+/=]{8,}/i.exec(i.raw)?.[0] ?? null },
  { id: "sn-java-template", title: "Template or expression-language injection", category: "java_injection", points: 4, technique: WEB, paranoia: 1, fields: BODYLESS, match: (i) => /\{\{\s*[\w.]*(?:__class__|__globals__|__builtins__|config|self|request)\b|\$\{\s*(?:\d+\s*[*+]\s*\d+|[\w.]*(?:getclass|runtime|exec|forname)\b)|#\{\s*[\w.]*(?:getclass|runtime|exec)\b|<%=?\s*[\w.]*(?:runtime|process|exec)/.exec(i.decoded)?.[0] ?? null },

  // SSRF
  { id: "sn-ssrf-internal", title: "SSRF: URL to metadata or internal addresses", category: "ssrf", points: 5, technique: "T1552.005", paranoia: 1, fields: ["url.original", "http.request.body.content"], match: (i) => (i.part === "path" ? null : /^\s*(?:https?|gopher|dict|ftp|ldap|tftp):\/\/(?:[^/@]*@)?(?:169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200|\[?fd00:ec2::254\]?|localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|0x7f\w*|2130706433|017700000001)\b|^\s*(?:gopher|dict):\/\//.exec(i.decoded)?.[0] ?? null) },

  // Scanners and attack tools
  {
    id: "sn-scanner-user-agent",
    title: "Attack tool or vulnerability scanner user agent",
    category: "scanner",
    points: 5,
    technique: "T1595.002",
    paranoia: 1,
    fields: ["user_agent.original"],
    match: (i) => /\b(?:sqlmap|nikto|nuclei|masscan|zgrab|gobuster|dirbuster|dirb|wpscan|acunetix|netsparker|nessus|openvas|nmap scripting engine|nmap nse|ffuf|fuzz faster u fool|feroxbuster|whatweb|commix|hydra|jaeles|arachni|w3af|skipfish|wfuzz|burp(?:suite)?|zaproxy|owasp zap|havij|pangolin|sqlninja|xsstrike|dotdotpwn|fimap|joomscan|droopescan|cmsmap|xray|appscan|webinspect|qualys|morfeus|zmeu|paros|grabber|vega\/|webshag|metasploit|masscan|libwhisker|brutus|bsqlbf|nuclei)\b/.exec(i.decoded)?.[0] ?? null,
  },
  { id: "sn-scanner-script-client", title: "Scripted HTTP client", category: "scanner", points: 2, technique: "T1595.002", paranoia: 3, fields: ["user_agent.original"], match: (i) => /^(?:curl|wget|python-requests|python-urllib|go-http-client|java|libwww-perl|okhttp|ruby|php)\b/.exec(i.decoded)?.[0] ?? null },
];
