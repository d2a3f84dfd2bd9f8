// Where a value holds template syntax: the expression delimiters of the server-side engines
// (Jinja2/Twig/Handlebars/Tornado {{ }} and {% %}, EL/SpEL/Freemarker/Mako/Thymeleaf ${ } #{ }
// *{ } @{ } ~{ }, ERB/JSP/ASP/Mako <% %>, Freemarker <#directive …>, Velocity #set($…) and
// $ref.method(), Smarty {php} and {call(…)}). Each yields the text between the delimiters,
// capped, for expression.ts to judge. At most MAX_SITES openers are looked at per value and each
// reads at most MAX_INNER characters, so a value of openers without closers stays linear.

export type Site = { engine: string; inner: string; evidence: string; statement?: boolean };

const MAX_SITES = 48;
const MAX_INNER = 600;

/** The index of `close` after `from`, within MAX_INNER, for ${ } also past nested { } pairs; -1 if none. */
function closing(text: string, from: number, close: string, nested: boolean): number {
  const limit = Math.min(text.length, from + MAX_INNER);
  let depth = 0;
  for (let i = from; i < limit; i++) {
    if (nested && text[i] === "{") depth++;
    else if (text.startsWith(close, i)) {
      if (depth === 0) return i;
      if (nested) depth--;
    }
  }
  return -1;
}

const OPENERS: { open: string; close: string; engine: string; nested?: boolean; statement?: boolean }[] = [
  { open: "{{", close: "}}", engine: "jinja2/twig/handlebars" },
  { open: "{%", close: "%}", engine: "jinja2/twig/tornado", statement: true },
  { open: "${", close: "}", engine: "el/freemarker/mako/thymeleaf", nested: true },
  { open: "#{", close: "}", engine: "spel/jsf/ruby", nested: true },
  { open: "*{", close: "}", engine: "thymeleaf", nested: true },
  { open: "~{", close: "}", engine: "thymeleaf", nested: true },
  { open: "<%", close: "%>", engine: "erb/jsp/asp/mako", statement: true },
  { open: "<#", close: ">", engine: "freemarker", statement: true },
  // Perl evaluates @{[ … ]} inside any interpolating string (Template::Toolkit, Mojo, HTML::Mason).
  { open: "@{[", close: "]}", engine: "perl" },
  { open: "@{", close: "}", engine: "thymeleaf/razor", nested: true },
];

/** Every delimited expression in the value, in order, at most MAX_SITES. */
export function sites(text: string): Site[] {
  const found: Site[] = [];
  let looked = 0;
  for (let i = 0; i < text.length - 1 && looked < MAX_SITES; i++) {
    const c = text[i]!;
    if (c !== "{" && c !== "$" && c !== "#" && c !== "*" && c !== "@" && c !== "~" && c !== "<") continue;
    const opener = OPENERS.find((o) => text.startsWith(o.open, i));
    if (opener) {
      looked++;
      const from = i + opener.open.length;
      const end = closing(text, from, opener.close, opener.nested === true);
      if (end < 0) continue;
      let inner = text.slice(from, end);
      // <%= %>, <%- %>, <%! %> (Mako module code) and {{- -}}, {%- -%} (whitespace control) are the same expressions.
      if (/^[=\-!~+]/.test(inner)) inner = inner.slice(1);
      if (inner.startsWith("#") && opener.open === "<%") continue; // an ERB/Mako comment
      if (inner.endsWith("-")) inner = inner.slice(0, -1);
      const evidence = text.slice(i, end + opener.close.length);
      found.push({ engine: opener.engine, inner, evidence, statement: opener.statement });
      i = end + opener.close.length - 1;
    } else if (c === "#") {
      // Velocity directives take a parenthesized argument holding a $reference: #set($x = …).
      const m = /^#\{?(set|foreach|if|elseif|evaluate|define|macro|parse|include)\}?\s*\(\s*\$/.exec(
        text.slice(i, i + 40),
      );
      if (!m) continue;
      looked++;
      const end = closing(text, i + m[0].length, ")", false);
      const stop = end < 0 ? Math.min(text.length, i + MAX_INNER) : end + 1;
      found.push({
        engine: "velocity",
        inner: text.slice(i + 1, stop),
        evidence: text.slice(i, stop),
        statement: true,
      });
    } else if (c === "{") {
      // Smarty tags are single-brace: {php}, {$smarty.…}, {if …}, {function(…)} and {Class::method(…)}.
      const m = /^\{(?:\/?php\}|\$smarty\.|if\s|[a-z_][\w]{0,40}\s*(?:\(|::))/.exec(text.slice(i, i + 50));
      if (!m) continue;
      looked++;
      const end = closing(text, i + 1, "}", false);
      if (end < 0) continue;
      found.push({ engine: "smarty", inner: text.slice(i + 1, end), evidence: text.slice(i, end + 1) });
    }
  }
  return found;
}
