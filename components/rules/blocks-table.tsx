"use client";

import { useMutation } from "@tanstack/react-query";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { liftBlock, type BlockItem } from "./rules-api";

/** Source IPs blocked now; with settings:write a block can be lifted early. */
export function BlocksTable({
  blocks,
  canWrite,
  onChanged,
}: {
  blocks: BlockItem[];
  canWrite: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const lift = useMutation({ mutationFn: liftBlock, onSuccess: onChanged });
  if (blocks.length === 0) return <p className="text-sm text-muted">No address is blocked.</p>;
  return (
    <div className="flex flex-col gap-2">
      {lift.isError && <FormError error={lift.error} />}
      <table aria-label="Blocked addresses" className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            {["Address", "Why", "By", "Until"].map((h) => (
              <th key={h} scope="col" className="py-1.5 pr-3 font-medium">
                {h}
              </th>
            ))}
            {canWrite && (
              <th scope="col" className="sr-only">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {blocks.map((b) => (
            <tr key={b.id} className="border-t border-border align-top">
              <td className="py-2 pr-3 font-mono">
                <a className="hover:underline" href={`/entities/ip/${encodeURIComponent(b.ip)}`}>
                  {b.ip}
                </a>
              </td>
              <td className="py-2 pr-3">{b.reason}</td>
              <td className="py-2 pr-3">{b.createdBy}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(b.expiresAt)}</td>
              {canWrite && (
                <td className="py-2 text-right">
                  <Button
                    variant="secondary"
                    aria-label={`Lift the block on ${b.ip}`}
                    disabled={lift.isPending}
                    onClick={() => lift.mutate(b.id)}
                  >
                    Lift
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
