// next-auth v4 sign-in, sign-out, session and CSRF endpoints. Their bodies are small forms, read
// here with a byte limit before next-auth sees them (it would otherwise buffer any size).
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { withBodyLimit } from "@/lib/http/body-limit.ts";
import { requestContext } from "@/lib/http/request-context.ts";
import { publicHandler } from "@/lib/http/route.ts";

const MAX_AUTH_BODY_BYTES = 64 * 1024;

// Public by nature: sign-in, sign-out, CSRF and session endpoints guard themselves.
const handler = publicHandler(
  withBodyLimit(MAX_AUTH_BODY_BYTES, (req, ctx: { params: Promise<{ nextauth: string[] }> }) =>
    NextAuth(req as never, ctx as never, authOptions({ context: requestContext(req.headers) })),
  ),
);

export { handler as GET, handler as POST };
