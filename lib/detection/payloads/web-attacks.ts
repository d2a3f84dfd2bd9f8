// SSRF and attack-tool user agents.
import { WEB, type PayloadDetector } from "./types.ts";

const INTERNAL_HOSTS = String.raw`(?:localhost(?:4|6)?(?:\.localdomain[46]?)?|ip6?-localhost|ipv6-localhost|ip6-loopback|(?:host|gateway|kubernetes)\.docker\.internal|host\.containers\.internal|kubernetes(?:\.default(?:\.svc(?:\.cluster\.local)?)?)?|[\w-]+\.svc\.cluster\.local|lvh\.me|localtest\.me|[\w.-]*\.(?:nip\.io|sslip\.io)|192\.0\.0\.192)`;
/** With a scheme, or without one but followed by a path or port: a bare "localhost" is a word. */
const internalHost = new RegExp(
  String.raw`^\s*(?:[a-z][\w+.-]{0,10}:\/\/(?:[^/@\s]{0,64}@)?${INTERNAL_HOSTS}(?::\d{1,5})?(?:[/?#]|$)|(?:[^/@\s]{0,64}@)?${INTERNAL_HOSTS}(?::\d{1,5})?[/?#])`,
);

export const WEB_ATTACKS: PayloadDetector[] = [
  // SSRF
  {
    id: "sn-ssrf-internal",
    title: "SSRF: URL to metadata or internal addresses",
    category: "ssrf",
    points: 5,
    technique: "T1552.005",
    paranoia: 1,
    fields: ["url.original", "http.request.body.content"],
    match: (i) =>
      i.part === "path"
        ? null
        : (/^\s*(?:https?|gopher|dict|ftp|ldap|tftp):[\/\\]{0,2}(?:[^/@]*@)?(?:169\.254\.169\.254|metadata\.google\.internal|metadata\.(?:packet\.net|platformequinix\.com)|100\.100\.100\.200|192\.0\.0\.192|\[?fd00:ec2::254\]?|localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|0x7f\w*|2130706433|017700000001)\b|^\s*(?:gopher|dict):\/\//.exec(
            i.decoded,
          )?.[0] ?? null),
  },

  {
    id: "sn-ssrf-internal-host",
    title: "SSRF: parameter naming a loopback, container or cluster-internal host",
    category: "ssrf",
    points: 4,
    technique: WEB,
    paranoia: 1,
    fields: ["url.original", "http.request.body.content", "http.request.cookie"],
    // With or without a scheme: the names that resolve to this machine, its container host or the
    // cluster, and wildcard DNS services that map any name to 127.0.0.1.
    match: (i) => (i.part === "path" || i.part.endsWith("#name") ? null : (internalHost.exec(i.decoded)?.[0] ?? null)),
  },
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
