// Only same-origin paths survive, so a crafted link cannot bounce a fresh session to another site.
const BASE = "http://securenet.invalid";

export function safeCallbackUrl(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return "/";
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "/";
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.pathname === "/sign-in" ? "/" : path;
  } catch {
    return "/";
  }
}
