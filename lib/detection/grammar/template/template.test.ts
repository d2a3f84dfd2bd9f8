import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firing, HARD_BENIGN, value } from "../test-inputs.ts";
import { TEMPLATE_INJECTION } from "./detector.ts";

const fires = (raw: string, level = 1) => firing(TEMPLATE_INJECTION, value(raw), level);

describe("template injection", () => {
  it.each([
    ["jinja2 introspection chain", "{{ ''.__class__.__mro__[1].__subclasses__() }}"],
    ["jinja2 dunder in a subscript", "{{ request['__cl'+'ass__'] }}"],
    ["jinja2 attr filter", "{{ request|attr('application') }}"],
    ["flask config global", "{{config}}"],
    ["twig _self", "{{_self.env.registerUndefinedFilterCallback('exec')}}"],
    ["arithmetic probe", "{{7*7}}"],
    ["arithmetic probe with a string", "{{7*'7'}}"],
    ["freemarker ?new()", '<#assign ex="freemarker.template.utility.Execute"?new()>${ex("id")}'],
    ["EL probe", "${7*7}"],
    ["SpEL type reference", "${T(java.lang.Runtime).getRuntime().exec('id')}"],
    ["thymeleaf preprocessing", "__${new java.util.Scanner(T(java.lang.Runtime).getRuntime().exec('id'))}__::.x"],
    ["ERB", "<%= system('id') %>"],
    ["ERB probe", "<%= 7 * 7 %>"],
    ["mako import", "<% import os %>${os.popen('id').read()}"],
    ["tornado import", "{% import os %}{{ os.popen('id').read() }}"],
    ["velocity set", '#set($x = $class.inspect("java.lang.Runtime"))'],
    ["velocity reflection", "$class.inspect('java.lang.Runtime').type.getRuntime()"],
    ["smarty php", "{php}echo `id`;{/php}"],
    ["smarty system", "{system('id')}"],
    ["smarty static call", "{Smarty_Internal_Write_File::writeFile($x,'a',self::clearConfig())}"],
    ["handlebars constructor lookup", '{{#with "s" as |string|}}{{lookup string.sub "constructor"}}{{/with}}'],
    ["block with its end tag", "{% if 1 %}49{% endif %}"],
    ["ERB block with end", "<% if true %>49<% end %>"],
    ["perl interpolation", "@{[system 'id']}"],
    ["SpEL #{}", "#{T(java.lang.System).getenv()}"],
  ])("fires at paranoia 1 on %s", (_, raw) => {
    expect(fires(raw)).toContain("sn-java-template");
  });

  it("treats attribute chains and lone statements as weak signals (paranoia 2)", () => {
    expect(fires("{{ user.name }}")).toEqual([]);
    expect(fires("{{ user.name }}", 2)).toContain("sn-template-expression");
    expect(fires("{% for x in items %}", 2)).toContain("sn-template-expression");
  });

  it("fires through case, spacing, whitespace-control and encodings", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("{{", "{{-", "${", "#{", "<%=", "<%-"),
        fc.constantFrom(" ", "", "\t", "  "),
        fc.constantFrom("os.popen('id')", "x.__class__", "7*7", "''.__class__", "T(java.lang.Runtime)"),
        fc.boolean(),
        (open, space, body, encode) => {
          const close = open.startsWith("{{") ? "}}" : open.startsWith("<%") ? "%>" : "}";
          const raw = `${open}${space}${body}${space}${close}`;
          const upper = raw.replace(/os\.popen/, "OS.Popen");
          return fires(encode ? encodeURIComponent(upper) : upper).includes("sn-java-template");
        },
      ),
    );
  });

  it("does not fire on hard benign text at paranoia 1", () => {
    for (const text of HARD_BENIGN) expect([text, fires(text)]).toEqual([text, []]);
    expect(fires("{{name}}")).toEqual([]);
    expect(fires("${jndi:ldap://x/a}")).toEqual([]);
    expect(fires('[{"a":{"b":1}}]')).toEqual([]);
  });

  it("never throws and stays fast on arbitrary and long strings", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => Array.isArray(fires(s, 4))));
    for (const unit of ["{{", "${", "<%", "{%", "#set($", "{a(", "$a.b(", "@{[", "<#"]) {
      const start = performance.now();
      fires(unit.repeat(8000), 4);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
