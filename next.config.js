// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native, wasm or file-system packages run from node_modules, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "pino",
    "@node-rs/argon2",
    "socket.io",
    // libddwaf's Node addon (libinjection for the engine's SQLi/XSS second opinion): loaded with
    // require from node_modules at run time, never bundled.
    "@datadog/native-appsec",
  ],
  // Pages get these and their nonce-based CSP from proxy.ts; the build output and /api (which the
  // proxy leaves out, see there) here. HSTS, which depends on the public URL, comes from server.ts.
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [
      { source: "/_next/:path*", headers: common },
      // Also left out of the proxy (see its matcher); the rest of public/ goes through it.
      { source: "/favicon.ico", headers: common },
      {
        source: "/api/:path*",
        // As API_POLICY in lib/http/security-headers.ts (its test checks they agree).
        headers: [
          ...common,
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
