import Link from "next/link";

/** "Admin / <page>" above an admin sub-page's header. */
export function AdminBreadcrumb({ page }: { page: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
      <Link href="/admin" className="hover:text-fg">
        Admin
      </Link>
      <span aria-hidden="true"> / </span>
      <span aria-current="page">{page}</span>
    </nav>
  );
}
