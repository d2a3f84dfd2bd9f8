// next-auth v4: credentials sign-in against users in the database, JWT session cookie.
// The session callback re-reads the user on every request, so a disabled user loses access at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db/index.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { verifyCredentials } from "@/lib/users/sign-in.ts";
import { loadPrincipal } from "@/lib/users/principal.ts";
import { requestContext } from "@/lib/http/request-context.ts";

const credentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await verifyCredentials(prisma(), parsed.data.email, parsed.data.password, requestContext(req?.headers ?? {}));
          if (!user) {
            logger().info({ event: "auth.login.failed" }, "sign-in failed");
            return null;
          }
          logger().info({ event: "auth.login.succeeded", userId: user.id }, "sign-in succeeded");
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        const principal = token.sub ? await loadPrincipal(prisma(), token.sub) : null;
        if (!principal) return { ...session, user: undefined, principal: undefined };
        return {
          ...session,
          user: { name: principal.name, email: principal.email },
          principal,
        };
      },
    },
    logger: {
      error: (code, metadata) => logger().error({ code, metadata }, "next-auth error"),
      warn: (code) => logger().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
