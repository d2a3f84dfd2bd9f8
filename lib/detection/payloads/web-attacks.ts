// Attack-tool user agents (SSRF is read by the URL grammar, lib/detection/grammar/url).
import type { PayloadDetector } from "./types.ts";

export const WEB_ATTACKS: PayloadDetector[] = [
  // Scanners and attack tools
  {
    id: "sn-scanner-user-agent",
    title: "Attack tool or vulnerability scanner user agent",
    category: "scanner",
    points: 5,
    technique: "T1595.002",
    paranoia: 1,
    fields: ["user_agent.original"],
    match: (i) =>
      /\b(?:sqlmap|nikto|nuclei|masscan|zgrab|gobuster|dirbuster|dirb|wpscan|acunetix|netsparker|nessus|openvas|nmap scripting engine|nmap nse|ffuf|fuzz faster u fool|feroxbuster|whatweb|commix|hydra|jaeles|arachni|w3af|skipfish|wfuzz|burp(?:suite)?|zaproxy|owasp zap|havij|pangolin|sqlninja|xsstrike|dotdotpwn|fimap|joomscan|droopescan|cmsmap|xray|appscan|webinspect|qualys|morfeus|zmeu|paros|grabber|vega\/|webshag|metasploit|masscan|libwhisker|brutus|bsqlbf|nuclei)\b/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
  {
    id: "sn-scanner-script-client",
    title: "Scripted HTTP client",
    category: "scanner",
    points: 2,
    technique: "T1595.002",
    paranoia: 3,
    fields: ["user_agent.original"],
    match: (i) =>
      /^(?:curl|wget|python-requests|python-urllib|go-http-client|java|libwww-perl|okhttp|ruby|php)\b/.exec(
        i.decoded,
      )?.[0] ?? null,
  },
];
