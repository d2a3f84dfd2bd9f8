// The dictionary of program NAMES an attacker runs once a value breaks out into a command line,
// and how a command word resolves to one (a name, a path into a bin directory, a Windows system
// folder, an environment variable that holds a shell). Names only, never payloads: the analyzer
// decides from the grammar around the word; this file only says whether the word is a program.

/** Tools whose names are hardly ever words of prose: a command position alone makes them count. */
const STRONG = `whoami uname wget curl ncat netcat nc bash sh zsh ksh csh tcsh python2 python3
irb jrunscript chmod chown chgrp nslookup ifconfig ipconfig netstat pkill killall pgrep
base64 base32 basenc xxd hexdump mkfifo mknod telnet tftp ssh scp sftp rsync sudo doas passwd useradd
usermod adduser userdel visudo crontab systemctl journalctl dmesg lsof lsmod modprobe insmod sysctl
iptables tcpdump nmap masscan busybox socat openssl xterm gcc gdb strace ltrace nohup setsid chroot
unshare nsenter capsh printenv hostname hostnamectl getent gunzip bzip2 zcat unxz xzcat zstd unzip
7z lwp-download lwp-request aria2c lftp smbclient kubectl crictl podman mysql psql sqlite3 redis-cli
mongo mongosh ls cmd powershell pwsh certutil bitsadmin mshta rundll32 regsvr32 wmic tasklist taskkill
systeminfo schtasks netsh icacls cacls takeown cscript wscript msiexec forfiles vssadmin wevtutil
bcdedit diskpart ntdsutil wbadmin nltest dsquery qwinsta quser findstr tracert traceroute whois
uptime pwd ifup ip lsblk fdisk mkfs umount nproc lscpu lsusb lspci rbash cpio shred
msfconsole msfvenom sqlmap ansible-playbook cscli salt-call php-cgi perl5
wsl uudecode htop aa-disable aa-complain aa-enforce aa-exec aa-teardown aa-status lastlog lastlogin regedit bcdboot bcdedit cpulimit
 apt-cache apt-key zypper opkg npx rustc javac jshell tclsh mawk nawk busctl bpftrace
 cobc cowsay cpan csplit dmsetup easy_install exiftool facter fping gcore hping3 iconv
iftop ionice jjs ksu latexmk ldconfig loginctl logsave mtr nasm nft nroff openvt pdflatex
perlbug pexec pidstat pkexec psftp readelf rlogin rlwrap rpmquery run-parts rvim scanmem scrot setarch
setfacl shuf ssh-agent ssh-keygen ssh-keyscan sshpass start-stop-daemon stdbuf systemd-run systemd-resolve taskset
 timedatectl tmate torify torsocks troff unexpand unsquashfs update-alternatives uuencode
vimdiff vipw virsh w3m whiptail xdotool c89 c99 tcc ipython pypy jython rscript lldb objdump
ldd gpg gpg2 shasum sha1sum sha256sum md5sum cksum chpasswd chsh chfn newgrp runuser sudoedit getcap setcap lastb
faillog utmpdump auditctl ausearch pidof pstree pmap vmstat iostat mpstat lshw dmidecode hwinfo inxi lsb_release
localectl systemd-analyze chkconfig update-rc.d rc-service initctl telinit poweroff runlevel atq atrm anacron disown
getfacl lsattr chattr blkid findmnt sestatus getenforce setenforce ufw firewall-cmd ipset ethtool iwconfig nmcli
resolvectl showmount smbmap rpcclient enum4linux nbtscan crackmapexec gobuster dirb ffuf wfuzz
mysqldump pg_dump mongodump nbtstat pathping getmac xcopy robocopy mklink fsutil runas psexec winrm winrs mofcomp
installutil regasm regsvcs csc vbc jsc odbcconf pcalua cmstp wusa extrac32 makecab esentutl sdbinst msdt
msxsl dnscmd klist setspn dsget netdom gpresult gpupdate auditpol secedit sfc chkdsk logoff tscon mstsc regini
waitfor setx`;

/**
 * Programs that are also words ("cat", "time", "more"): they count only with command-shaped arguments.
 * Names beyond the everyday tools come from GTFOBins (Unix programs that run, read or write for an
 * attacker), LOLBAS (Windows binaries that do the same) and the administration tools of both.
 */
const WEAK = `cat tac id rm cp mv ln dd wc echo printf kill sleep find head tail more less touch ps top who
last env export set unset alias type dir awk gawk sed grep egrep sort uniq cut tr od nl file stat time
timeout watch xargs exec eval source history trap tar zip gzip host service java install mount df du
free make git vi vim nano man screen tmux which whereis locate npm node ruby lua ping dig docker pip
pip3 apt apt-get yum dnf gem rpm dpkg composer tee split strings test net net1 reg sc copy move del
erase ren attrib route arp ver call start query explorer calc notepad mspaint echo. nice chmod tr
rmdir mkdir column read dash ash fish python php perl script sync cd perf bridge fold comm paste join rev flock ansible knife hydra
apk pkg pdb reboot shutdown halt`;

/**
 * Programs that count only with flags or paths, never bare: words of two letters or fewer, and
 * products people list in prose ("Skills: Docker; Kubernetes; Terraform", "an aptitude test").
 */
const TINY = `w at su ed cc ab aa chef rmt salt . rd md
aptitude terraform emacs wireshark clang cmake deno pnpm flatpak certbot pandoc restic valgrind gcloud openvpn
hashcat nikto ghc ghci neofetch tshark msbuild pacman groovy gimp octave pry rake pico vagrant`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);
const STRONG_SET = new Set(words(STRONG));
const WEAK_SET = new Set([...words(WEAK), ...words(TINY)].filter((w) => !STRONG_SET.has(w)));
const TINY_SET = new Set(words(TINY));
/** All names, for glob resolution (/b?n/c?t). */
const ALL_NAMES = [...STRONG_SET, ...WEAK_SET];
const NAMES_BY_LENGTH = new Map<number, string[]>();
for (const name of ALL_NAMES) NAMES_BY_LENGTH.set(name.length, [...(NAMES_BY_LENGTH.get(name.length) ?? []), name]);

/** Directories that hold programs: a path into one is a program, whatever its name. */
const BIN_DIRS = new Set([
  "/bin",
  "/sbin",
  "/usr/bin",
  "/usr/sbin",
  "/usr/local/bin",
  "/usr/local/sbin",
  "/usr/libexec",
  "c:/windows/system32",
  "c:/windows/syswow64",
  "c:/windows",
  "c:/windows/system32/windowspowershell/v1.0",
]);

/** A relative directory that is a bin directory: bin, sbin, usr/bin, ../../usr/local/sbin. */
const RELATIVE_BIN = /^(?:\.{1,2}\/)*(?:usr\/(?:local\/)?)?s?bin$/;

export type Tier = "strong" | "weak" | "tiny";
export interface Program {
  name: string;
  tier: Tier;
}

/** Environment variables whose value is known wherever the server runs: what an expansion of them yields. */
export const KNOWN_VARIABLES: Record<string, string> = {
  ifs: " ",
  shell: "/bin/sh",
  path: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  home: "/root",
  pwd: "/",
  comspec: "c:\\windows\\system32\\cmd.exe",
  systemroot: "c:\\windows",
  windir: "c:\\windows",
  systemdrive: "c:",
  programfiles: "c:\\program files",
  "programfiles(x86)": "c:\\program files (x86)",
  public: "c:\\users\\public",
  temp: "c:\\windows\\temp",
  tmp: "c:\\windows\\temp",
  psmodulepath: "c:\\windows\\system32\\windowspowershell\\v1.0\\modules",
};

const EXTENSION = /\.(?:exe|com|bat|cmd|ps1)$/;

/** A version after a name (python3.11, gcc-12, php7.4): the program is the name. */
const VERSION = /-?\d+(?:\.\d+)*$/;

function byName(name: string): Program | null {
  return exactName(name) ?? versioned(name) ?? family(name);
}

function versioned(name: string): Program | null {
  const bare = name.replace(VERSION, "");
  return bare !== name && bare.length > 1 ? exactName(bare) : null;
}

/** A name in a program's family (ansible-vault, chef-client, rmt-tar): the family's program, at least as strong. */
function family(name: string): Program | null {
  const dash = name.indexOf("-");
  if (dash < 2 || dash === name.length - 1 || !/^[a-z0-9-]+$/.test(name)) return null;
  const head = exactName(name.slice(0, dash));
  return head ? { name, tier: "weak" } : null;
}

function exactName(name: string): Program | null {
  const bare = name.replace(EXTENSION, "");
  if (STRONG_SET.has(bare) || STRONG_SET.has(name)) return { name: bare, tier: "strong" };
  if (WEAK_SET.has(bare) || WEAK_SET.has(name)) return { name: bare, tier: TINY_SET.has(bare) ? "tiny" : "weak" };
  // A name with an extension a program has (cmd.exe, evil.bat) is a program even if unknown.
  if (EXTENSION.test(name) && name.length > 4 && /^[a-z0-9_-]+$/.test(bare)) return { name: bare, tier: "weak" };
  return null;
}

/** A glob against a name: ?, *, [..]; iterative with one backtrack point, linear in practice and capped. */
export function globMatches(pattern: string, text: string): boolean {
  if (pattern.length > 64 || text.length > 64) return false;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === "*") {
      starP = p++;
      starT = t;
      continue;
    }
    if (c === "[") {
      const end = pattern.indexOf("]", p + 2);
      if (end > 0) {
        let set = pattern.slice(p + 1, end);
        const negate = set[0] === "!" || set[0] === "^";
        if (negate) set = set.slice(1);
        let hit = false;
        for (let i = 0; i < set.length; i++) {
          if (set[i + 1] === "-" && i + 2 < set.length) {
            if (text[t]! >= set[i]! && text[t]! <= set[i + 2]!) hit = true;
            i += 2;
          } else if (set[i] === text[t]) hit = true;
        }
        if (hit !== negate) {
          p = end + 1;
          t++;
          continue;
        }
      }
    } else if (c !== undefined && (c === "?" || c === text[t])) {
      p++;
      t++;
      continue;
    }
    if (starP < 0) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

const hasGlob = (text: string) => /[?*[]/.test(text);

function globName(pattern: string): Program | null {
  // A pattern that is mostly wildcards (/???/*) names nothing in particular: need 1 literal letter.
  if (!/[a-z0-9]/.test(pattern)) return null;
  // Without *, a pattern matches names of one length only ([..] and ? are one character each).
  const candidates = pattern.includes("*")
    ? ALL_NAMES
    : (NAMES_BY_LENGTH.get(pattern.replace(/\[[^\]]*\]/g, "?").length) ?? []);
  for (const name of candidates) if (globMatches(pattern, name)) return byName(name);
  return null;
}

function globDirectory(pattern: string): boolean {
  for (const dir of BIN_DIRS) if (globMatches(pattern, dir)) return true;
  return false;
}

/**
 * The program a command word names after the interpreter's own quote and escape removal (done by
 * the caller), or null: a known name, a path into a bin directory, a path ending in a known name.
 * `glob`: the word had unquoted glob characters, which the shell resolves against the file system.
 */
export function resolveProgram(word: string, glob = false): Program | null {
  if (word.length === 0 || word.length > 200) return null;
  const path = word.replace(/\\/g, "/").replace(/\/{2,}/g, "/");
  const slash = path.lastIndexOf("/");
  if (slash < 0) return glob && hasGlob(path) ? globName(path) : byName(path);
  const dir = path.slice(0, slash) || "/";
  const base = path.slice(slash + 1);
  if (!base || base.length > 40) return null;
  const globbed = glob && hasGlob(path);
  const named = globbed && hasGlob(base) ? globName(base) : byName(base);
  const inBin = globbed ? globDirectory(dir) : BIN_DIRS.has(dir);
  // A path into a bin directory names a program whatever its name: the path is the evidence.
  if (inBin) return { name: named?.name ?? base, tier: "strong" };
  // A relative one (bin/x, usr/sbin/x, ../../usr/bin/x: after a traversal or from a working
  // directory) when it ends in a program's name: bin/rails and vendor/bin/phpunit stay unknown.
  if (named && RELATIVE_BIN.test(dir)) return { ...named, tier: "strong" };
  // Elsewhere, a path (./nc, ../../bin/sh, /opt/x/curl) counts when it ends in a program's name.
  if (named && (dir.startsWith("/") || dir.startsWith(".") || /^[a-z]:/.test(dir))) return { ...named, tier: "strong" };
  return null;
}
