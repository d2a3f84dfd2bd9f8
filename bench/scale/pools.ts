// The value pools the scale loader draws from, in TypeScript and as the SQL expressions that
// compute the same values inside INSERT ... SELECT, so events, alerts, entity risk and the
// measurements all name the same source IPs, users and hosts. Pure: no database.

export const IP_POOL = 50_000;
export const USER_POOL = 5_000;
export const HOST_POOL = 500;

/** Zipf-like: index 0 is drawn most often (power > 1 skews towards the start). */
export const SKEW = { ip: 3, user: 2.5, host: 1.5, word: 3, userAgent: 2, module: 1.6, rule: 1.8 } as const;

/** The k-th source IP (0 the busiest): 10.20.0.1, 10.20.0.2, … (unique for k below 65,000). */
export function ipOf(k: number): string {
  const n = k + 1;
  return `10.${20 + Math.floor(n / 65_536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}
export const ipSql = (k: string) =>
  `('10.' || (20 + (${k} + 1) / 65536) || '.' || (((${k} + 1) / 256) % 256) || '.' || ((${k} + 1) % 256))`;

const FIRST = [
  "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
  "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yolanda",
  "amir", "bea", "chen", "dmitri", "elif", "farah", "goran", "hana", "ines", "jonas",
  "kofi", "lena", "marta", "nils", "oskar", "priya", "quinn", "rosa", "sanjay", "tomas",
  "uma", "vera", "wen", "xavier", "yusuf", "zoe", "admin", "root", "svc", "backup",
]; // prettier-ignore
const LAST = Array.from({ length: 100 }, (_, i) => `u${String(i).padStart(2, "0")}`);

/** The k-th user name (0 the busiest): alice.u00, bob.u00, … 5,000 distinct. */
export function userOf(k: number): string {
  return `${FIRST[k % FIRST.length]}.${LAST[Math.floor(k / FIRST.length) % LAST.length]}`;
}
export const userSql = (k: string) =>
  `(${sqlArray(FIRST)})[1 + (${k}) % ${FIRST.length}] || '.' || (${sqlArray(LAST)})[1 + ((${k}) / ${FIRST.length}) % ${LAST.length}]`;

const HOST_ROLES = ["web", "api", "db", "mail", "vpn", "k8s-node", "fw", "dc", "app", "cache"];

/** The k-th host: web-00, api-00, … 500 distinct. */
export function hostOf(k: number): string {
  return `${HOST_ROLES[k % HOST_ROLES.length]}-${String(Math.floor(k / HOST_ROLES.length)).padStart(2, "0")}`;
}
export const hostSql = (k: string) =>
  `(${sqlArray(HOST_ROLES)})[1 + (${k}) % ${HOST_ROLES.length}] || '-' || lpad(((${k}) / ${HOST_ROLES.length})::text, 2, '0')`;

/**
 * Words for URLs and messages, most common first: drawn with SKEW.word, the first ("login")
 * is in about 30% of the events' URLs or messages (three or two draws each) and the last in about 0.3%.
 */
export const WORDS = (
  "login session api user account search static assets images profile settings index checkout cart " +
  "order product orders products items item report reports export download upload file files token " +
  "refresh password reset status health metrics dashboard admin config v1 v2 graphql query data list " +
  "view edit create update delete share comments comment post posts feed news page pages help support " +
  "billing invoice invoices payment payments subscription plans team teams members member invite " +
  "notifications notification message messages inbox archive calendar events event tasks task project " +
  "projects board boards sprint release releases build builds deploy deployments logs audit security " +
  "keys webhook webhooks integrations oauth callback authorize consent logout signup register verify " +
  "confirm email phone address shipping tracking returns refund coupon promo catalog category " +
  "categories brand brands review reviews rating wishlist compare stores locations careers jobs about " +
  "contact privacy terms cookies sitemap robots favicon manifest service worker fonts styles scripts " +
  "vendor bundle chunk runtime polyfills locale translations theme avatar thumbnail banner video audio " +
  "stream player playlist podcast episode channel live chat ticket tickets incident incidents alert " +
  "alerts rule rules policy policies compliance backup restore snapshot volume cluster node nodes pod " +
  "pods namespace secret secrets quota usage limit limits region zone instance instances network subnet " +
  "gateway router firewall dns certificate certificates domain domains mirror proxy cache redis kafka " +
  "queue worker cron scheduler pipeline artifact registry image container ledger journal voucher " +
  "tariff parcel freight manifold gasket sprocket trellis pergola gazebo lantern quill parchment " +
  "marzipan nougat praline truffle brioche croissant baguette focaccia ciabatta pumpernickel " +
  "sourdough zeppelin dirigible gondola funicular monorail trolley tramway rickshaw palanquin " +
  "sarcophagus obelisk ziggurat pagoda minaret cupola belfry gargoyle parapet bastion rampart " +
  "portcullis drawbridge barbican catapult trebuchet ballista mangonel onager scorpion arbalest"
).split(" ");

/** In about 5 events per million: a free-text search that finds almost nothing. */
export const RARE_WORD = "quetzalcoatl";
export const RARE_WORD_RATE = 0.000005;

export const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  "curl/8.5.0",
  "python-requests/2.32.3",
  "Go-http-client/1.1",
  "okhttp/4.12.0",
  "kube-probe/1.31",
  "Prometheus/2.55.0",
  "Googlebot/2.1 (+http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Wget/1.21.4",
  "Apache-HttpClient/4.5.14 (Java/17.0.9)",
  "Mozilla/5.0 zgrab/0.x",
  "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
  "sqlmap/1.8.11#stable (https://sqlmap.org)",
  "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
];

/** Mostly 200s, some redirects, 4xx and a few 5xx. */
export const HTTP_STATUSES = [
  200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 304, 304, 301, 302, 404, 404, 403, 401, 500,
  502, 503,
];
export const HTTP_METHODS = ["GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD"];

export interface ModuleProfile {
  module: string;
  dataset: string;
  kind: string;
  category: string[];
  actions: string[];
  /** How its message reads: an HTTP request line, an sshd line, or words. */
  shape: "http" | "sshd" | "text";
  /** Share of its events that name a user. */
  userShare: number;
  /** Share of failures (for non-HTTP; HTTP fails with status ≥ 400). */
  failShare: number;
  destinationPort: number;
}

const http = (module: string, dataset: string): ModuleProfile => ({
  module,
  dataset,
  kind: "event",
  category: ["web"],
  actions: ["request"],
  shape: "http",
  userShare: 0.2,
  failShare: 0,
  destinationPort: 443,
});
const text = (
  module: string,
  dataset: string,
  category: string[],
  actions: string[],
  userShare: number,
  failShare: number,
  destinationPort: number,
): ModuleProfile => ({
  module,
  dataset,
  kind: "event",
  category,
  actions,
  shape: "text",
  userShare,
  failShare,
  destinationPort,
});

/** About 20 modules/datasets, most common first (drawn with SKEW.module). */
export const MODULES: ModuleProfile[] = [
  http("nginx", "nginx.access"),
  http("apache", "apache.access"),
  {
    ...text("system", "system.auth", ["authentication"], ["ssh_login", "ssh_login", "sudo"], 0.95, 0.3, 22),
    shape: "sshd",
  },
  text(
    "securenet",
    "securenet.audit",
    ["authentication"],
    ["auth.success", "auth.failure", "session.start"],
    1,
    0.1,
    443,
  ),
  http("haproxy", "haproxy.log"),
  text("iptables", "iptables.log", ["network"], ["drop", "accept", "reject"], 0, 0.4, 0),
  text("suricata", "suricata.eve", ["network", "intrusion_detection"], ["alert", "flow", "dns", "tls"], 0, 0.05, 443),
  text("zeek", "zeek.conn", ["network"], ["connection", "dns_query", "http_request"], 0, 0.02, 53),
  http("traefik", "traefik.access"),
  text(
    "okta",
    "okta.system",
    ["authentication", "iam"],
    ["user.session.start", "user.authentication.sso", "user.mfa.verify"],
    1,
    0.08,
    443,
  ),
  text(
    "aws",
    "aws.cloudtrail",
    ["cloud", "iam"],
    ["ConsoleLogin", "AssumeRole", "GetObject", "PutObject", "DescribeInstances"],
    0.8,
    0.05,
    443,
  ),
  text("o365", "o365.audit", ["email", "file"], ["MailItemsAccessed", "FileDownloaded", "UserLoggedIn"], 1, 0.04, 443),
  text(
    "windows",
    "windows.security",
    ["authentication", "process"],
    ["logon", "logoff", "process_created", "privilege_use"],
    0.9,
    0.1,
    445,
  ),
  text(
    "auditd",
    "auditd.log",
    ["process", "file"],
    ["executed", "opened-file", "changed-file-permissions"],
    0.7,
    0.03,
    0,
  ),
  text(
    "kubernetes",
    "kubernetes.audit",
    ["configuration", "iam"],
    ["get", "list", "watch", "create", "delete"],
    0.6,
    0.02,
    6443,
  ),
  text(
    "postgresql",
    "postgresql.log",
    ["database"],
    ["connection_authorized", "statement", "connection_failed"],
    0.9,
    0.05,
    5432,
  ),
  text("vpn", "openvpn.log", ["network", "authentication"], ["connect", "disconnect", "auth"], 1, 0.12, 1194),
  text("dns", "bind.query", ["network"], ["query"], 0, 0.01, 53),
  text("mail", "postfix.log", ["email"], ["delivered", "deferred", "rejected"], 0.5, 0.07, 25),
  text("docker", "docker.events", ["process", "configuration"], ["start", "stop", "pull", "exec"], 0.3, 0.02, 0),
];

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlArray(values: readonly (string | number)[], type = "text"): string {
  return `ARRAY[${values.map((v) => (typeof v === "number" ? String(v) : sqlString(v))).join(",")}]::${type}[]`;
}

/** A 0-based index into a pool of n, zipf-like over a uniform draw `r` (a SQL expression). */
export const skewedIndexSql = (r: string, n: number, power: number) =>
  `least(floor(power(${r}, ${power}) * ${n})::int, ${n - 1})`;
