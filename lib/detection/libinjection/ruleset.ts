// The libddwaf ruleset we hand libinjection's analysis through: libddwaf (the `@datadog/native-appsec`
// addon) runs rules over "addresses" it is given, and exposes libinjection as the `is_sqli` and
// `is_xss` operators. We define one address per value of a batch ("v0" … "v15") and, for each, one
// rule per operator, so that every flagged value is reported (a rule stops at its first match, so
// a single rule over all values would name only one). No transformers: the values come decoded.

/** Values one WAF run reads: more are read in further runs. */
export const SLOTS = 16;

/** The rule id for an operator over one slot, and back. */
export const ruleId = (kind: "sqli" | "xss", slot: number) => `sn-${kind}-${slot}`;
const RULE_ID = /^sn-(sqli|xss)-(\d{1,3})$/;

export function parseRuleId(id: string): { kind: "sqli" | "xss"; slot: number } | null {
  const m = RULE_ID.exec(id);
  return m ? { kind: m[1] as "sqli" | "xss", slot: Number(m[2]) } : null;
}

export const address = (slot: number) => `v${slot}`;

/** The ruleset, in libddwaf's 2.1 rule schema (rules with conditions over addresses). */
export function libinjectionRuleset() {
  const rules = [];
  for (let slot = 0; slot < SLOTS; slot++)
    for (const [kind, operator] of [
      ["sqli", "is_sqli"],
      ["xss", "is_xss"],
    ] as const)
      rules.push({
        id: ruleId(kind, slot),
        name: `libinjection ${kind} on value ${slot}`,
        // One type per rule: libddwaf reports only the first match among rules of one type in a run.
        tags: { type: ruleId(kind, slot), category: "attack_attempt" },
        conditions: [{ operator, parameters: { inputs: [{ address: address(slot) }] } }],
        transformers: [],
      });
  return { version: "2.1", metadata: { rules_version: "securenet-1" }, rules };
}
