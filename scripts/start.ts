// `npm start`: build for production when no build exists, then run the server.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

(process.env as Record<string, string>).NODE_ENV ??= "production";
if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("SecureNet: no production build yet, building (this takes a minute or two)…");
  const build = spawnSync("npx", ["--no-install", "next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { main } = await import("../server.ts");
await main({ dev: false });
