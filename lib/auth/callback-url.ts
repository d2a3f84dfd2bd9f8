// Where to go after signing in: a path on the console's own origin, never anywhere else. The
// value is resolved against the origin, as a browser would, and refused when it leaves it; the
// path that comes out must also stay home when resolved again, or decoded once more, since
// routers and proxies downstream may do either ("/..//evil" resolves to the path "//evil",
// which a browser then reads as another host).

/** A same-origin path (with query and fragment) for `value`, or null when it is off-site or malformed. */
export function sameOriginPath(value: string | null | undefined, origin: string): string | null {
  if (!value) return null;
  // Browsers drop tabs and newlines inside URLs and trim spaces and controls, and treat "\" as "/":
  // any of them is a sign of a crafted value, so none is accepted.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return null;
  let home: URL;
  let url: URL;
  try {
    home = new URL(origin);
    url = new URL(value, home);
  } catch {
    return null;
  }
  if (url.origin !== home.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  return staysHome(path, home) && staysHome(decoded, home) ? path : null;
}

function staysHome(path: string, home: URL): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || /^\/[\\\u0000-\u0020]/.test(path) || path.includes("\\"))
    return false;
  try {
    return new URL(path, home).origin === home.origin;
  } catch {
    return false;
  }
}

/** The sign-in and setup pages' callbackUrl: a same-origin path, "/" otherwise (and instead of sign-in itself). */
export function safeCallbackUrl(value: string | string[] | undefined | null, origin: string): string {
  const path = sameOriginPath(Array.isArray(value) ? value[0] : value, origin);
  if (!path || new URL(path, origin).pathname === "/sign-in") return "/";
  return path;
}

/** next-auth's redirect callback: an absolute URL on `baseUrl`'s origin, its home page otherwise. */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return new URL(sameOriginPath(url, baseUrl) ?? "/", baseUrl).href;
}
