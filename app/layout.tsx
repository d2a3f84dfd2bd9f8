import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SecureNet", template: "%s · SecureNet" },
  description: "Open-source security operations console",
  // From public/: the ICO for browsers that ask for nothing else, the SVG (the brand mark) for the rest.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
  },
};

export const viewport: Viewport = { colorScheme: "dark", themeColor: "#0b1017" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered: its scripts carry the nonce of this
  // request's CSP (set by proxy.ts; Next reads it from the request header and applies it itself).
  await connection();
  return (
    <html lang="en" className="dark">
      <body className="min-h-full bg-bg text-fg antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
