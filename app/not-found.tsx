import Link from "next/link";
import { BrandMark } from "@/components/shell/brand-mark";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main-content" className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <BrandMark className="size-10" />
      <p className="font-mono text-sm text-muted">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-md text-sm text-muted">The address may be mistyped, or the page may have moved.</p>
      <Link href="/" className={buttonClasses("primary", "mt-2")}>
        Back to SecureNet
      </Link>
    </main>
  );
}
