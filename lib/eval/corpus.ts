// Our own labelled corpus (eval/corpus/*.jsonl): one event a line with its class ("benign" or an
// attack category) and a note. Written by the SecureNet team.
import fs from "node:fs";
import path from "node:path";
import type { Category } from "@/lib/detection/types.ts";
import type { Labelled } from "./measure.ts";

export function readCorpus(dir: string): (Labelled & { note: string })[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((file) =>
      fs
        .readFileSync(path.join(dir, file), "utf8")
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("//"))
        .map((line, i) => {
          const item = JSON.parse(line) as { class: string; note?: string; event: Record<string, unknown> };
          if (!item.class || !item.event) throw new Error(`${file}:${i + 1}: needs class and event`);
          return {
            classes: item.class === "benign" ? ("benign" as const) : [item.class as Category],
            group: item.class,
            event: item.event,
            note: item.note ?? "",
          };
        }),
    );
}
