import type { RoleSetting } from "./security-api";

/** Names every role whose members may sign in without a second factor. */
export function MfaRelaxedWarning({ roles }: { roles: RoleSetting[] }) {
  const relaxed = roles.filter((role) => !role.mfaRequired);
  if (relaxed.length === 0) return null;
  return (
    <div className="rounded-xl border border-sev-high/50 bg-sev-high/10 px-5 py-4 text-sm">
      <p className="font-semibold text-sev-high">
        MFA is not required for: {relaxed.map((role) => role.name).join(", ")}
      </p>
      <p className="mt-1 text-fg">
        A user whose roles all have MFA relaxed can sign in with a password alone, so a leaked password is enough to
        take over their account. Users with no role always need MFA.
      </p>
    </div>
  );
}
