// next-auth v4 sign-in, sign-out, session and CSRF endpoints.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { requestContext } from "@/lib/http/request-context.ts";
import { publicHandler } from "@/lib/http/route.ts";

// Public by nature: sign-in, sign-out, CSRF and session endpoints guard themselves.
const handler = publicHandler((req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(req as never, ctx as never, authOptions({ context: requestContext(req.headers) })),
);

export { handler as GET, handler as POST };
