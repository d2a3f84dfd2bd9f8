// Uploads that reconfigure the server or plant credentials (.htaccess, .user.ini, wp-config…):
// the file name alone says it. Shell command injection itself is read by the shell grammar
// analysis in lib/detection/grammar/shell/, which replaced the regex detectors that lived here.
import type { PayloadDetector } from "./types.ts";
import type { Input } from "./inputs.ts";
import { uploadedFileNames } from "./uploads.ts";

/** File names an upload must never have: server and interpreter configuration, credentials. */
const CONFIG_FILE =
  /^(?:\.htaccess|\.htpasswd|\.user\.ini|php\.ini|web\.config|wp-config.*|settings[._-]?php.*|config\.(?:php|ya?ml|json|inc|ini)|local\.settings\.php|\.env(?:\.[\w-]+)?|\.boto|\.bashrc|\.bash_profile|\.profile|\.npmrc|\.pypirc|\.netrc|authorized_keys|crontab)$/;
function uploadedConfigFile(i: Input): string | null {
  return uploadedFileNames(i).find((name) => CONFIG_FILE.test(name)) ?? null;
}

export const COMMAND_INJECTION: PayloadDetector[] = [
  {
    id: "sn-cmdi-config-upload",
    title: "Upload of a server configuration or credentials file",
    category: "command_injection",
    points: 5,
    technique: "T1505.003",
    paranoia: 1,
    fields: ["http.request.body.content", "http.request.headers"],
    match: uploadedConfigFile,
  },
];
