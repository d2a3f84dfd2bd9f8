"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { parseTestInput, scoreEvents, type LogTestResult } from "./rules-api";

const EXAMPLE = `{"url": {"original": "/products?id=1%27%20UNION%20SELECT%20password%20FROM%20users--"}, "source": {"ip": "203.0.113.7"}, "user_agent": {"original": "sqlmap/1.8"}}`;

/** "Test an event": the engine's verdict on pasted events or log lines, nothing stored. */
export function LogTestPanel() {
  const inputId = useId();
  const [text, setText] = useState(EXAMPLE);
  const [parseError, setParseError] = useState<string | null>(null);
  const test = useMutation({ mutationFn: scoreEvents });

  const run = () => {
    try {
      setParseError(null);
      test.mutate(parseTestInput(text));
    } catch (error) {
      setParseError(`Not valid JSON: ${(error as Error).message}`);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <label htmlFor={inputId} className="text-sm font-medium">
        Events (a JSON event, an array, NDJSON, or raw sshd / access-log lines)
      </label>
      <textarea
        id={inputId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={5}
        spellCheck={false}
        className="rounded-md border border-border-strong bg-bg p-3 font-mono text-xs text-fg focus-visible:border-accent"
      />
      <div className="flex items-center gap-3">
        <Button onClick={run} disabled={test.isPending}>
          {test.isPending ? "Scoring…" : "Test"}
        </Button>
        <span className="text-xs text-muted">
          Uses the org&apos;s current rules and settings; nothing is stored and no alert is raised.
        </span>
      </div>
      {parseError && (
        <p role="alert" className="text-sm text-danger">
          {parseError}
        </p>
      )}
      {test.isError && <FormError error={test.error} />}
      {test.data && (
        <ol aria-label="Verdicts" className="flex flex-col gap-3">
          {test.data.map((result) => (
            <Verdict key={result.index} result={result} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Verdict({ result }: { result: LogTestResult }) {
  if ("errors" in result) {
    return (
      <li className="rounded-md border border-danger/40 p-3 text-sm">
        <p className="font-medium text-danger">Event {result.index + 1} is not valid</p>
        <ul className="mt-1 list-disc pl-5">
          {result.errors.map((e) => (
            <li key={e.path}>
              <code className="font-mono">{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li className="rounded-md border border-border p-3 text-sm" data-testid="verdict">
      <p className="flex items-center gap-2">
        <span className="font-medium">Event {result.index + 1}</span>
        <SeverityBadge severity={result.severity} />
        <span className="font-mono text-xs">
          score {result.score} · {result.points} CRS points
        </span>
      </p>
      {result.detections.length === 0 ? (
        <p className="mt-2 text-muted">No detection fired.</p>
      ) : (
        <table className="mt-2 w-full text-left text-xs">
          <thead className="text-muted">
            <tr>
              {["Rule", "Category", "Points", "ATT&CK", "Field", "Why"].map((h) => (
                <th key={h} scope="col" className="py-1 pr-3 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.detections.map((d) => (
              <tr key={`${d.id}:${d.field}`} className="border-t border-border align-top">
                <td className="py-1 pr-3">
                  <div className="font-medium">{d.title}</div>
                  <div className="font-mono text-muted">{d.id}</div>
                </td>
                <td className="py-1 pr-3">{d.category}</td>
                <td className="py-1 pr-3 font-mono">{d.points}</td>
                <td className="py-1 pr-3 font-mono">{d.technique ?? "–"}</td>
                <td className="py-1 pr-3 font-mono">{d.field}</td>
                <td className="py-1 pr-3 break-all">{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-muted">Parsed ECS fields</summary>
        <pre className="mt-1 max-h-64 overflow-auto rounded bg-bg p-2 font-mono text-xs">
          {JSON.stringify(result.event, null, 2)}
        </pre>
      </details>
    </li>
  );
}
