// next-auth v4 configuration: email + password, JWT sessions. The token carries only the user
// id, the sessionVersion it was issued under and the sign-in time; everything else (role,
// teams, disabled) is re-read from the database on every request by lib/auth/session.ts.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { verifyPassword, PASSWORD_MAX } from "./password";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX * 4),
});

async function authorizeCredentials(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = prisma();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  // Always run one argon2 verification so unknown emails cost the same as wrong passwords (S3).
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || user.disabledAt) {
    await db.$transaction((tx) =>
      recordAudit(tx, { system: "auth" }, {
        action: "auth.login.failure",
        entityType: user ? "User" : undefined,
        entityId: user?.id,
        meta: { reason: !user ? "unknown-account" : user.disabledAt ? "disabled" : "wrong-password" },
      }),
    );
    return null;
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, { system: "auth" }, { action: "auth.login.success", entityType: "User", entityId: user.id });
  });
  return { id: user.id, sv: user.sessionVersion };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Haven",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials) => authorizeCredentials(credentials),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sv;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      // Expose nothing but what the server needs to re-check the session.
      return { expires: session.expires, uid: token.uid ?? "", sv: token.sv ?? -1 };
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
    // Sign-out kills every token of this user, not just this browser's cookie (S5).
    async signOut({ token }) {
      if (!token?.uid) return;
      const db = prisma();
      await db.$transaction(async (tx) => {
        await tx.user.updateMany({ where: { id: token.uid }, data: { sessionVersion: { increment: 1 } } });
        await recordAudit(tx, { system: "auth" }, { action: "auth.logout", entityType: "User", entityId: token.uid });
      });
    },
  },
};
