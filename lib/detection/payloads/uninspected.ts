// A request value too large to inspect whole within the event's budget (inputs.ts BUDGET): its
// head and tail were read, the rest was not. Reported so that size is never a silent blind spot:
// padding a payload past what a WAF reads is itself a technique (CAPEC-153, input data
// manipulation), and no ordinary request comes near these sizes.
import { UNINSPECTED } from "./inputs.ts";
import type { PayloadDetector } from "./types.ts";

export const UNINSPECTED_INPUT: readonly PayloadDetector[] = [
  {
    id: "sn-uninspected-oversized-input",
    title: "Request value too large to inspect whole",
    category: "protocol",
    points: 2,
    paranoia: 1,
    match: (i) => (i.part.endsWith(UNINSPECTED) ? `${i.field}: ${i.decoded}` : null),
  },
];
