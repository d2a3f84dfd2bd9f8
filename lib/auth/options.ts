// next-auth v4: credentials sign-in (email, password, then a TOTP or recovery `code` when the
// user has MFA) against users in the database, JWT session cookie, and a known-device cookie
// (lib/auth/device.ts) that gives this browser its own sign-in budget. The JWT only carries the user
// and registry session ids; the session callback checks the registry on every request, so a
// revoked, idle or expired session, or a disabled user, loses access at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { z } from "zod";
import { processRuntime } from "@/lib/runtime/process-runtime.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/log.ts";
import { signIn } from "@/lib/users/sign-in.ts";
import { loadSessionPrincipal } from "@/lib/users/principal.ts";
import { actorOf } from "@/lib/audit/actor.ts";
import { requestContext } from "@/lib/http/request-context.ts";
import type { RequestContext } from "@/lib/audit/record.ts";
import { authRedirect } from "./callback-url.ts";
import { revokeSessions, sessionRef } from "./session-registry.ts";
import { DEVICE_COOKIE, DEVICE_MAX_AGE_S } from "./device.ts";

const credentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  code: z.string().max(64).optional(),
});

/** The request's cookies; null outside a route handler, where sign-in works without a known device. */
async function cookieJar() {
  try {
    return await cookies();
  } catch (error) {
    logger().warn({ err: error }, "no request cookies at sign-in: the known-device cookie is skipped");
    return null;
  }
}

/** Sent back only to the sign-in endpoints (path /api/auth), never readable by scripts. */
function rememberDevice(jar: Awaited<ReturnType<typeof cookies>>, token: string) {
  try {
    jar.set(DEVICE_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: env().publicUrl.startsWith("https://"),
      path: "/api/auth",
      maxAge: DEVICE_MAX_AGE_S,
    });
  } catch (error) {
    logger().warn({ err: error }, "the known-device cookie could not be set");
  }
}

/** The error a client sees when the password was right and a second factor is needed. */
export const MFA_REQUIRED_ERROR = "mfa_required";

/**
 * `context` is the request being served (for audit entries written by next-auth events).
 * `serverSide`: for getServerSession in server code, whose principal keeps the registry session
 * id; the session next-auth answers the browser at /api/auth/session carries only its reference.
 */
export function authOptions(request: { context?: RequestContext; serverSide?: boolean } = {}): NextAuthOptions {
  const lifetimeSeconds = env().SESSION_MAX_LIFETIME_HOURS * 3600;
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: lifetimeSeconds },
    jwt: { maxAge: lifetimeSeconds },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const jar = await cookieJar();
          const device = jar?.get(DEVICE_COOKIE)?.value;
          const result = await signIn(
            processRuntime().db.prisma,
            { ...parsed.data, device },
            requestContext(req?.headers ?? {}),
          );
          if (result.status === "mfa_required") throw new Error(MFA_REQUIRED_ERROR);
          if (result.status === "failed") return null;
          // This browser is now a known device: its own sign-in budget, whatever strangers try.
          if (jar) rememberDevice(jar, result.device);
          logger().info({ event: "auth.login.succeeded", userId: result.user.id }, "sign-in succeeded");
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      // Every redirect next-auth makes (callbackUrl included) stays on the console's origin.
      redirect: authRedirect,
      jwt({ token, user }) {
        // Only at sign-in: a new registry session id every time.
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sessionId?: string }).sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        const principal = await loadSessionPrincipal(processRuntime().db.prisma, {
          userId: token.sub,
          sessionId: token.sid as string | undefined,
        });
        if (!principal) return { ...session, user: undefined, principal: undefined };
        const user = { name: principal.name, email: principal.email };
        if (request.serverSide) return { ...session, user, principal };
        const { sessionId, ...visible } = principal;
        return { ...session, user, principal: { ...visible, sessionRef: sessionId && sessionRef(sessionId) } };
      },
    },
    events: {
      async signOut({ token }) {
        const userId = token?.sub;
        const sessionId = token?.sid as string | undefined;
        if (!userId || !sessionId) return;
        const actor = actorOf({ kind: "user", id: userId, email: token.email ?? userId });
        await revokeSessions(
          processRuntime().db.prisma,
          { userId, sessionId },
          { actor, context: request.context, reason: "signed_out" },
        );
      },
    },
    logger: {
      error: (code, metadata) => logger().error({ code, metadata }, "next-auth error"),
      warn: (code) => logger().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
