// SQL injection signals for paranoia levels 2-4: weaker, broader patterns an admin turns on when
// false positives are cheaper than misses.
import type { PayloadDetector } from "./types.ts";

export const SQLI_PARANOID: PayloadDetector[] = [];
