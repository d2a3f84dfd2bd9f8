// Purpose-bound keys derived from SECURENET_ENCRYPTION_KEY with HKDF, so one master key never
// serves two uses directly.
import { hkdfSync } from "node:crypto";
import { decodeKey } from "@/lib/env.ts";

export type KeyPurpose = "audit-checkpoint" | "secrets-at-rest" | "recovery-codes" | "api-keys";

export function deriveKey(masterKey: string, purpose: KeyPurpose): Buffer {
  const master = decodeKey(masterKey);
  if (!master || master.length !== 32) throw new Error("SECURENET_ENCRYPTION_KEY must be 32 bytes");
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `securenet:${purpose}:v1`, 32));
}
