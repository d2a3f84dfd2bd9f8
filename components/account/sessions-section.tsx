"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { retryServerErrors } from "@/components/ui/api-client";
import { queryKeys } from "@/components/ui/query-keys";
import { fetchSessions, revokeOtherSessions, revokeSession, type SessionItem } from "./account-api";
import { FormError } from "@/components/ui/form-error";
import { SessionsTable } from "./sessions-table";

const plural = (n: number) => `${n} ${n === 1 ? "session" : "sessions"}`;

/** Where I am signed in, with a way to end any other session or all of them. */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.account.sessions, queryFn: fetchSessions, retry: retryServerErrors });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: queryKeys.account.sessions });
  const revokeOne = useMutation({
    mutationFn: (session: SessionItem) => revokeSession(session.id),
    onSettled: invalidate,
  });
  const revokeOthers = useMutation({ mutationFn: revokeOtherSessions, onSettled: invalidate });

  if (list.isPending) return <p className="text-sm text-muted">Loading sessions…</p>;
  if (list.isError) return <FormError error={new Error(`Your sessions could not be loaded: ${list.error.message}`)} />;

  const sessions = [...list.data].sort((a, b) => Number(b.current) - Number(a.current));
  const others = sessions.filter((s) => !s.current).length;
  const status = revokeOthers.isSuccess
    ? `Signed out ${plural(revokeOthers.data.revoked)} on other devices.`
    : revokeOne.isSuccess
      ? revokeOne.data.revoked
        ? `Session ${revokeOne.variables.ref} signed out.`
        : `Session ${revokeOne.variables.ref} had already ended.`
      : "";

  return (
    <div className="flex flex-col gap-3">
      <SessionsTable
        sessions={sessions}
        revoking={revokeOne.isPending ? revokeOne.variables.id : null}
        onRevoke={(session) => {
          revokeOthers.reset();
          revokeOne.mutate(session);
        }}
      />
      <div className="flex flex-wrap items-center gap-3">
        {others > 0 ? (
          <Button
            variant="secondary"
            disabled={revokeOthers.isPending}
            aria-busy={revokeOthers.isPending}
            onClick={() => {
              revokeOne.reset();
              revokeOthers.mutate();
            }}
          >
            Sign out everywhere else
          </Button>
        ) : (
          <p className="text-sm text-muted">You are not signed in anywhere else.</p>
        )}
        <p role="status" className="text-sm text-success">
          {status}
        </p>
      </div>
      <FormError error={revokeOne.error ?? revokeOthers.error} />
    </div>
  );
}
