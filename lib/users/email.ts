// One spelling per address: sign-in looks users up by it and user creation stores it, so both
// must agree (Alice@Example.com and alice@example.com are one account).
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
