"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { FieldMessages } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { messagesFor } from "@/components/ui/api-client";
import { uploadRule } from "./rules-api";

/** Adds (or replaces, by id) a Sigma rule; the loader's objections appear under the text. */
export function UploadRuleForm({ onAdded }: { onAdded: () => Promise<unknown> }) {
  const id = useId();
  const [yaml, setYaml] = useState("");
  const upload = useMutation({
    mutationFn: uploadRule,
    onSuccess: () => {
      setYaml("");
      return onAdded();
    },
  });
  const errors = messagesFor(upload.error, "yaml");

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        upload.mutate(yaml);
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">
        Sigma rule (YAML)
      </label>
      <textarea
        id={id}
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
        rows={10}
        spellCheck={false}
        required
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
        placeholder={
          "title: …\nid: <uuid>\nlogsource:\n  category: webserver\ndetection:\n  selection:\n    cs-uri-query|contains: …\n  condition: selection\nlevel: high"
        }
        className="rounded-md border border-border-strong bg-bg p-3 font-mono text-xs text-fg focus-visible:border-accent aria-invalid:border-danger"
      />
      <FieldMessages id={`${id}-error`} messages={errors} />
      {upload.isError && !errors.length && <FormError error={upload.error} fields={["yaml"]} />}
      {upload.isSuccess && (
        <p role="status" className="text-sm text-success">
          Rule {upload.data.title} loaded.
        </p>
      )}
      <div>
        <Button type="submit" disabled={upload.isPending || !yaml.trim()}>
          {upload.isPending ? "Checking…" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
