// Where a resolved path lands, judged by the kind of place rather than a list of exact paths: the
// kernel's and processes' state (/proc, /sys), system configuration (/etc, C:\Windows), logs,
// credentials and keys, version-control and deployment metadata, application configuration by
// file type. `anchored` says the path starts at a root (absolute, a drive, a home directory, or
// reached by climbing out of the starting folder): only then does a generic system folder such as
// /etc or C:\Windows count; the names and folders below count wherever they occur.

/** Files under /etc that say who and what the machine is, or hold its secrets and service configuration. */
const ETC_FILE =
  /^(?:passwd|shadow|gshadow|group|subuid|subgid|hosts|hostname|issue(?:\.net)?|motd|sudoers|crontab|fstab|mtab|machine-id|os-release|lsb-release|\w+-release|environment|profile|bashrc|master\.passwd|resolv\.conf|shells|inittab|ld\.so\.\w+|pam\.d|security|ssh|ssl|mysql|nginx|httpd|apache2?|php\d*|cron\w*|init\.d|systemd|sysconfig|network|networks|exports|aliases|hosts\.(?:allow|deny)|login\.defs|securetty|apt|yum\.conf|redis|postgresql|mongod\.conf|docker|kubernetes|rc\.local|rc\.d|x11|default|skel|logrotate\.conf)$/;
const PROC_ENTRY =
  /^(?:self|thread-self|\d+|version|cpuinfo|meminfo|mounts|modules|kcore|kallsyms|kmsg|net|sys|cmdline|environ|sched_debug|interrupts|partitions|stat|uptime|loadavg|filesystems|devices|swaps|iomem|ioports|config\.gz|crypto|vmallocinfo|slabinfo|buddyinfo|zoneinfo|diskstats|keys|key-users|timer_list)$/;
const SYS_ENTRY = /^(?:class|kernel|devices|firmware|module|block|bus|power|fs|hypervisor|dev)$/;
const WINDOWS_ENTRY =
  /^(?:system32|syswow64|system|win\.ini|system\.ini|repair|panther|debug|inf|minidump|memory\.dmp|windowsupdate\.log|setupact\.log|explorer\.exe|notepad\.exe|regedit\.exe|temp|tasks|prefetch|microsoft\.net|servicing|logs|config|drivers|winsxs|iis\d*\.log|php\.ini|my\.ini|win32|fonts|media|desktop\.ini)$/;

/** Files worth reading wherever they sit: OS identity files, server and application configuration with secrets, keys, shell histories. */
const SECRET_FILE =
  /^(?:win\.ini|boot\.ini|system\.ini|autoexec\.bat|config\.sys|ntuser\.dat|pagefile\.sys|hiberfil\.sys|unattend(?:ed)?\.xml|sysprep\.(?:inf|xml)|web\.config|php\.ini|\.user\.ini|my\.(?:cnf|ini)|\.my\.cnf|httpd\.conf|apache2?\.conf|nginx\.conf|lighttpd\.conf|php-fpm\.conf|\.htaccess|\.htpasswd|htpasswd|wp-config\.php[\w.~-]*|localsettings\.php|config\.inc\.php|database\.yml|secrets\.ya?ml|\.git-credentials|\.netrc|_netrc|\.pgpass|\.npmrc|\.pypirc|\.dockercfg|\.s3cfg|\.boto|id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?|authorized_keys2?|known_hosts|\.\w*_history|\.(?:bash|zsh|k?sh|tcsh|csh)(?:rc|_profile|_login|_logout|env)|\.profile|\.zprofile|\.zlogin|\.viminfo|\.lesshst|\.(?:aiignore|cursorignore|cursorrules|windsurfrules|clinerules|codeiumignore)|\.env(?:\.[\w-]+)?|\.envrc|\.ds_store|global\.asax?|[\w.-]*config(?:uration)?[\w.-]*\.(?:php\d?|inc|asp|aspx|jsp|bak|old|ini|cfg)|server\.xml|tomcat-users\.xml|context\.xml|standalone\.xml|applicationhost\.config|machine\.config|sam|security)$/;
/** Names too ordinary alone ("sam", "security", "system") that only count inside a Windows config folder. */
const NEEDS_WINDOWS_FOLDER = /^(?:sam|security)$/;
/** Folders whose every file is sensitive: keys, cloud and cluster credentials, version control, the Java web app's private folder. */
const SECRET_FOLDER =
  /^(?:\.ssh|\.gnupg|\.aws|\.azure|\.gcloud|\.kube|\.docker|\.git|\.svn|\.hg|\.bzr|cvs|web-inf|meta-inf|\.idea|\.vscode|\.config)$/;
/** Ordinary-looking folder names that hold private things when they sit at a root. */
const ROOT_FOLDER =
  /^(?:etc|proc|sys|root|boot|dev|windows|winnt|inetpub|documents and settings|programdata|system volume information|\$recycle\.bin)$/;
/** By type: configuration, keys, databases, backups, logs. Counted when the path is anchored at a root. */
const SECRET_TYPE =
  /\.(?:conf|cnf|ini|cfg|config|properties|env|pem|key|crt|p12|pfx|jks|keystore|kdbx|sqlite3?|db|mdb|sql|bak|old|orig|swp|sav|log|dat|xml|ya?ml|json|toml|php|inc|asp|aspx|jsp)$|_log$/;

/** Folders whose name alone makes the next segment worth a look. */
const FOLDER_KIND = new Set([
  "etc",
  "proc",
  "sys",
  "var",
  "run",
  "windows",
  "winnt",
  "logs",
  "log",
  "sessions",
  "session",
  "tmp",
  "config",
  "cvs",
  "web-inf",
  "meta-inf",
]);

export interface Landing {
  evidence: string;
}

/** Where `segments` (already resolved: no ".", "..", empty names) lands, or null if nowhere sensitive. */
export function sensitiveLanding(
  segments: readonly string[],
  anchored: boolean,
  windowsDrive: boolean,
): Landing | null {
  const at = (i: number) => segments.slice(i, i + 3).join("/");
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    const next = segments[i + 1];
    const last = i === segments.length - 1;
    // Most segments are ordinary words: only folder kinds, dotted or underscored names, and the
    // last segment of an anchored path are worth the patterns below.
    const kind = FOLDER_KIND.has(name);
    const named = name.includes(".") || name.includes("_") || NEEDS_WINDOWS_FOLDER.test(name) || name === "htpasswd";
    if (!kind && !named && !(last && anchored) && !(i === 0 && anchored)) continue;
    if (next !== undefined && (kind || name.startsWith("."))) {
      if (name === "etc" && (ETC_FILE.test(next) || /\.(?:conf|cnf|ini|cfg|d)$/.test(next))) return { evidence: at(i) };
      if (name === "proc" && PROC_ENTRY.test(next)) return { evidence: at(i) };
      if (name === "sys" && SYS_ENTRY.test(next) && (anchored || i > 0)) return { evidence: at(i) };
      if (
        name === "var" &&
        /^(?:log|mail|spool|adm|lib|run|backups?)$/.test(next) &&
        (anchored || segments.length > i + 2)
      )
        return { evidence: at(i) };
      if ((name === "run" || name === "var") && next === "secrets") return { evidence: at(i) };
      if ((name === "windows" || name === "winnt") && WINDOWS_ENTRY.test(next)) return { evidence: at(i) };
      if (SECRET_FOLDER.test(name) && (name.startsWith(".") || anchored || i > 0)) return { evidence: at(i) };
      if (/^(?:logs?|sessions?|tmp)$/.test(name) && /(?:\.log|_log|^sess_[\w,-]{6,})$/.test(segments.at(-1)!))
        return { evidence: at(i) };
      if (name === "config" && NEEDS_WINDOWS_FOLDER.test(next)) return { evidence: at(i) };
    }
    if (named && SECRET_FILE.test(name) && !NEEDS_WINDOWS_FOLDER.test(name))
      return { evidence: at(Math.max(0, i - 1)) };
    // Logs by type (access.log, error_log): what a log-poisoning inclusion reads back.
    if (last && segments.length >= 2 && (name.endsWith(".log") || name.endsWith("_log")))
      return { evidence: at(Math.max(0, i - 2)) };
    if (i === 0 && anchored && ROOT_FOLDER.test(name) && (next !== undefined || windowsDrive || name !== "dev"))
      return { evidence: at(0) };
    if (last && anchored && segments.length >= 2 && SECRET_TYPE.test(name)) return { evidence: at(Math.max(0, i - 2)) };
  }
  return null;
}
