// For every shipped rule (by file name): an event it must match and a near miss it must not.
type Ecs = Record<string, unknown>;

const web = (url: string, extra: { method?: string; status?: number; ua?: string } = {}): Ecs => ({
  source: { ip: "203.0.113.9" },
  url: { original: url },
  http: { request: { method: extra.method ?? "GET" }, response: { status_code: extra.status ?? 200 } },
  user_agent: { original: extra.ua ?? "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0" },
});
const log = (module: string, message: string): Ecs => ({ event: { module }, message });
const proxy = (url: string, ua = "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0"): Ecs => ({
  event: { module: "squid" },
  url: { original: url },
  user_agent: { original: ua },
});

export const SHIPPED_EXAMPLES: Record<string, { hit: Ecs; miss: Ecs }> = {
  web_sqli_union: {
    hit: web("/items?id=1%20union%20select%20name,pass%20from%20users"),
    miss: web("/search?q=trade+union+membership"),
  },
  web_sqli_time_based: { hit: web("/items?id=1;select%20pg_sleep(5)"), miss: web("/help?q=sleep+better") },
  web_sqli_catalog: {
    hit: web("/items?id=1 and 1=(select count(*) from information_schema.tables)"),
    miss: web("/docs/information/schema-design"),
  },
  web_xss_script: { hit: web("/p?name=%3Cscript%3Ealert(1)%3C/script%3E"), miss: web("/p?name=scripted+tours") },
  web_path_traversal: {
    hit: web("/download?file=..%2F..%2Fetc%2Fshadow"),
    miss: web("/download?file=report-2026.pdf"),
  },
  web_sensitive_system_file: { hit: web("/view?page=/etc/passwd"), miss: web("/view?page=passwords-help") },
  web_dotfile_probe: { hit: web("/.env", { status: 404 }), miss: web("/environment.html") },
  web_backup_download: { hit: web("/backup/db.sql", { status: 200 }), miss: web("/backup/db.sql", { status: 404 }) },
  web_admin_console_probe: { hit: web("/phpmyadmin/index.php", { status: 404 }), miss: web("/admin-guide/php") },
  web_command_injection: { hit: web("/ping?host=127.0.0.1;cat%20/etc/hosts"), miss: web("/ping?host=127.0.0.1") },
  web_jndi_lookup: { hit: web("/", { ua: "${jndi:ldap://203.0.113.9/a}" }), miss: web("/docs/jndi-overview") },
  web_ssrf_metadata: {
    hit: web("/fetch?url=http://169.254.169.254/latest/meta-data/"),
    miss: web("/fetch?url=https://example.com/"),
  },
  web_php_wrapper: {
    hit: web("/index.php?page=php://filter/convert.base64-encode/resource=index"),
    miss: web("/index.php?page=home"),
  },
  web_webshell_access: {
    hit: web("/uploads/shell.php", { method: "POST" }),
    miss: web("/uploads/shell.php", { method: "GET", status: 404 }),
  },
  web_scanner_user_agent: {
    hit: web("/", { ua: "sqlmap/1.8.11#stable (https://sqlmap.org)" }),
    miss: web("/", { ua: "Mozilla/5.0 (Macintosh) Safari/605.1.15" }),
  },
  web_shellshock: { hit: web("/cgi-bin/status", { ua: "() { :; }; /bin/bash -c 'id'" }), miss: web("/cgi-bin/status") },
  web_unusual_method: { hit: web("/", { method: "TRACE" }), miss: web("/", { method: "OPTIONS" }) },
  web_spring_class_loader: {
    hit: web("/app?class.module.classLoader.resources.context.parent.pipeline.first.pattern=x"),
    miss: web("/app?class=economy"),
  },
  web_server_error_burst_probe: {
    hit: web("/items?id=1%27", { status: 500 }),
    miss: web("/items?id=1%27", { status: 200 }),
  },
  linux_ssh_failed_password: {
    hit: log("sshd", "sshd[1]: Failed password for root from 198.51.100.4 port 2222 ssh2"),
    miss: log("sshd", "sshd[1]: Accepted publickey for alice from 198.51.100.4 port 2222 ssh2"),
  },
  linux_ssh_invalid_user: {
    hit: log("sshd", "sshd[1]: Invalid user oracle from 198.51.100.4 port 2222"),
    miss: log("sshd", "sshd[1]: Connection closed by 198.51.100.4 port 2222"),
  },
  linux_ssh_root_login: {
    hit: log("sshd", "sshd[1]: Accepted password for root from 198.51.100.4 port 2222 ssh2"),
    miss: log(
      "sshd",
      "sshd[1]: Accepted password for rooter from 198.51.100.4 port 2222 ssh2".replace("root", "alice"),
    ),
  },
  linux_ssh_too_many_failures: {
    hit: log(
      "sshd",
      "sshd[1]: error: maximum authentication attempts exceeded for root from 198.51.100.4 port 2222 ssh2",
    ),
    miss: log("sshd", "sshd[1]: Failed password for root from 198.51.100.4 port 2222 ssh2"),
  },
  linux_ssh_break_in_attempt: {
    hit: log(
      "sshd",
      "sshd[1]: reverse mapping checking getaddrinfo for x.example [198.51.100.4] failed - POSSIBLE BREAK-IN ATTEMPT!",
    ),
    miss: log("sshd", "sshd[1]: Connection from 198.51.100.4 port 2222"),
  },
  linux_ssh_banner_scan: {
    hit: log("sshd", "sshd[1]: Did not receive identification string from 198.51.100.4 port 2222"),
    miss: log("sshd", "sshd[1]: Received disconnect from 198.51.100.4 port 2222:11: bye"),
  },
  linux_sudo_auth_failure: {
    hit: log(
      "sudo",
      "sudo: bob : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id",
    ),
    miss: log("sudo", "sudo: bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id"),
  },
  linux_sudo_shell: {
    hit: log("sudo", "sudo: bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash"),
    miss: log("sudo", "sudo: bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/apt update"),
  },
  linux_su_failure: {
    hit: log("auth", "su[311]: FAILED SU (to root) bob on pts/0"),
    miss: log("auth", "su[311]: Successful su for root by bob"),
  },
  linux_account_created: {
    hit: log("auth", "useradd[812]: new user: name=backdoor, UID=1001, GID=1001, home=/home/backdoor"),
    miss: log("auth", "passwd[812]: password changed for alice"),
  },
  linux_pam_root_failure: {
    hit: log(
      "auth",
      "sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.4  user=root",
    ),
    miss: log(
      "auth",
      "sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.4  user=alice",
    ),
  },
  linux_history_tampering: {
    hit: log("bash", "bash[77]: HISTORY: PID=77 UID=0 unset HISTFILE"),
    miss: log("bash", "bash[77]: HISTORY: PID=77 UID=0 history | tail"),
  },
  proxy_executable_download: {
    hit: proxy("http://files.example.net/update/setup.exe"),
    miss: proxy("http://files.example.net/update/notes.txt"),
  },
  proxy_raw_ip_url: {
    hit: proxy("http://203.0.113.50:8080/payload"),
    miss: proxy("http://updates.example.com/payload"),
  },
  proxy_paste_site: {
    hit: proxy("https://pastebin.com/raw/abc123"),
    miss: proxy("https://docs.example.com/pastebin-alternatives"),
  },
  proxy_dynamic_dns: {
    hit: proxy("http://evil-c2.duckdns.org/beacon"),
    miss: proxy("http://duckdns.org.example.com/"),
  },
  proxy_mining_pool: {
    hit: proxy("stratum+tcp://pool.example.net:3333"),
    miss: proxy("https://example.net/pool-safety"),
  },
  proxy_tor2web: { hit: proxy("http://abcdefghijklmnop.onion.to/"), miss: proxy("http://onion-recipes.example.com/") },
  proxy_scripting_client: {
    hit: proxy("http://example.com/a.sh", "curl/8.5.0"),
    miss: proxy("http://example.com/a.sh"),
  },
  proxy_suspicious_tld: { hit: proxy("http://login-verify.xyz/"), miss: proxy("http://example.com/xyz") },
};
