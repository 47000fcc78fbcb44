// next-auth v4 configuration: email + password, JWT cookie. The token carries only the user id,
// the sessionVersion it was issued under and the server-side session id; everything else (role,
// teams, disabled, second factor, expiry) is re-read from the database on every request by
// lib/auth/session.ts.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authCookies } from "./cookies";
import { clientAddress } from "@/lib/http/client-address";
import { authorizeCredentials } from "./credentials";
import { SESSION_LIMITS } from "./session-state";
import { resolveSession } from "./resolve-session";
import { endAllSessions, revokeSession } from "./user-session";
import { logger } from "@/lib/logger";

/** next-auth's error metadata reduced to an error type: its messages and stacks stay out of logs (S21). */
function nextAuthErrorType(metadata: unknown): string {
  const e = metadata && typeof metadata === "object" && "error" in metadata ? (metadata as { error: unknown }).error : metadata;
  return e instanceof Error ? e.name || e.constructor.name || "Error" : typeof e;
}

export const SESSION_MAX_AGE_SECONDS = SESSION_LIMITS.absoluteMs / 1000;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  cookies: authCookies(process.env.NEXTAUTH_URL),
  pages: { signIn: "/login", error: "/login" },
  // Through Haven's logger, as codes only (a forged or stale cookie otherwise prints a stack).
  logger: {
    error: (code, metadata) => logger.warn({ nextAuth: code, err: nextAuthErrorType(metadata) }, "next-auth error"),
    warn: (code) => logger.warn({ nextAuth: code }, "next-auth warning"),
    debug: () => {},
  },
  providers: [
    CredentialsProvider({
      name: "Haven",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, req) => {
        const headers = req?.headers as Record<string, unknown> | undefined;
        const ua = headers?.["user-agent"];
        // The socket address, or a trusted proxy's X-Forwarded-For (S2, lib/http/client-address.ts).
        return authorizeCredentials(credentials, { ip: clientAddress(headers), userAgent: typeof ua === "string" ? ua : null });
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
        token.sid = user.sid;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      // Expose nothing but what the server needs to re-check the session.
      return { expires: session.expires, uid: token.uid ?? "", sv: token.sv ?? -1, sid: token.sid ?? "" };
    },
    async redirect({ url, baseUrl }) {
      // No open redirect through callbackUrl (S17): only same-origin targets.
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        /* fall through */
      }
      return baseUrl;
    },
  },
  events: {
    // Sign-out kills every token of this user, not just this browser's cookie (S5). A session
    // still owing its second factor only ends itself: knowing the password alone must not let
    // anyone sign the real user out everywhere.
    async signOut({ token }) {
      if (!token?.uid) return;
      const uid = token.uid;
      const now = new Date();
      const verdict = token.sid && typeof token.sv === "number" ? (await resolveSession({ uid, sv: token.sv, sid: token.sid }, now)).verdict : null;
      const pendingOnly = verdict?.kind === "needs-code" || verdict?.kind === "needs-enrolment";
      await prisma().$transaction(async (tx) => {
        if (pendingOnly) await revokeSession(tx, token.sid!, now);
        else await endAllSessions(tx, uid, now);
        await recordAudit(tx, { system: "auth" }, { action: "auth.logout", entityType: "User", entityId: uid, meta: { scope: pendingOnly ? "session" : "all" } });
      });
    },
  },
};
