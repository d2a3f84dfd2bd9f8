// Shown once, on the run that created the first admin. The password is not logged anywhere else.
export function printAdminBanner(admin: { email: string; generatedPassword?: string }, url: string) {
  const lines = [
    "SecureNet first run: an administrator was created.",
    `  sign in at ${url}/sign-in`,
    `  email:     ${admin.email}`,
    admin.generatedPassword
      ? `  password:  ${admin.generatedPassword}   (one-time: shown only now)`
      : "  password:  the one in SECURENET_ADMIN_PASSWORD",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = "=".repeat(width);
  process.stdout.write(`\n${bar}\n${lines.join("\n")}\n${bar}\n\n`);
}
