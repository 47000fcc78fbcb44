// S7 in the domain (issue 12, item 5): every user, team, role, membership, policy, sign-in-link
// and own-factor change is refused — as ReauthRequiredError, with the database exactly as it was —
// when the signed-in person's session has no re-authentication stamp or only a stale one (older
// than 5 minutes), and goes through with a fresh one. Called straight at the domain functions,
// not through the actions, so a new caller (a route, a script taking a Viewer) cannot skip it.
// On both engines.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { encryptField } from "@/lib/crypto/field";
import { REAUTH_MAX_AGE_MS } from "@/lib/auth/reauth";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { markReauth } from "@/lib/auth/user-session";
import type { Viewer } from "@/lib/auth/viewer";
import { ReauthRequiredError } from "@/lib/errors";
import { createUser, setUserDisabled, updateUserAccess } from "@/lib/domain/user/mutations";
import { createTeam } from "@/lib/domain/team/mutations";
import { updateTeamOrganisation } from "@/lib/domain/team/organisation";
import { endUserSessions, resetUserTwoFactor, setRequireTwoFactorForAll } from "@/lib/domain/user/security";
import { changeOwnPassword } from "@/lib/domain/user/security-account";
import { confirmTotpEnrolment, removeOwnTwoFactor, startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { createSignInLink } from "@/lib/domain/user/sign-in-links";
import { REQUIRE_2FA_FOR_ALL } from "@/lib/auth/two-factor-policy";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer, system, withSession } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamId: string, otherTeamId: string;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  [teamId, otherTeamId] = [await makeTeam(), await makeTeam()];
  await db.prisma.appSetting.create({ data: { key: REQUIRE_2FA_FOR_ALL, value: true } });
});
afterAll(async () => db?.close());

/** Every table a privilege change could touch, row by row, hashed: equal means nothing changed. */
async function fingerprint(): Promise<string> {
  const p = db.prisma;
  const byId = { orderBy: { id: "asc" as const } };
  const tables = await Promise.all([
    p.user.findMany(byId), p.team.findMany(byId), p.teamMembership.findMany({ orderBy: [{ userId: "asc" }, { teamId: "asc" }] }),
    p.appSetting.findMany({ orderBy: { key: "asc" } }), p.oneTimeToken.findMany(byId), p.userSession.findMany(byId), p.auditLog.count(),
  ]);
  return createHash("sha256").update(JSON.stringify(tables)).digest("hex");
}

const enrolled = async (v: Viewer, secret = newTotpSecret()) => {
  await db.prisma.user.update({ where: { id: v.id }, data: { totpSecretEnc: encryptField(secret, { table: "User", id: v.id, field: "totpSecretEnc" }), totpEnabledAt: new Date() } });
  return secret;
};
const user = (id: string) => db.prisma.user.findUniqueOrThrow({ where: { id }, include: { memberships: true } });

type Case = {
  name: string;
  /** Who acts (a fully signed-in session; the stamp is set by the test). */
  actor: () => Promise<Viewer>;
  /** Anything the call needs that is not the change itself, made before the fingerprint. */
  prepare?: (actor: Viewer) => Promise<unknown>;
  call: (actor: Viewer, prepared: unknown) => Promise<unknown>;
  /** With a fresh stamp: the change happened. */
  done: (actor: Viewer, prepared: unknown) => Promise<void>;
};

const admin = async () => withSession(await makeViewer("ADMIN", [teamId]), false);

const cases: Case[] = [
  {
    name: "createUser (a new ADMIN with a chosen password)", actor: admin,
    call: (a) => createUser(a, { email: `hijack.${a.id}@test.example`, displayName: "Hijack", role: "ADMIN", password: "a long enough passphrase 42", teamIds: [teamId] }),
    done: async (a) => expect(await db.prisma.user.count({ where: { email: `hijack.${a.id}@test.example`, role: "ADMIN" } })).toBe(1),
  },
  {
    name: "updateUserAccess (role: promote to ADMIN)", actor: admin,
    prepare: async () => (await makeViewer("CASEWORKER", [teamId])).id,
    call: (a, id) => updateUserAccess(a, { userId: id, role: "ADMIN", teamIds: [teamId] }),
    done: async (_a, id) => expect((await user(id as string)).role).toBe("ADMIN"),
  },
  {
    name: "updateUserAccess (membership only: grant another team)", actor: admin,
    prepare: async () => (await makeViewer("CASEWORKER", [teamId])).id,
    call: (a, id) => updateUserAccess(a, { userId: id, role: "CASEWORKER", teamIds: [teamId, otherTeamId] }),
    done: async (_a, id) => expect((await user(id as string)).memberships.map((m) => m.teamId).sort()).toEqual([teamId, otherTeamId].sort()),
  },
  {
    name: "setUserDisabled (re-enable a disabled user)", actor: admin,
    prepare: async () => {
      const { id } = await makeViewer("LAWYER", [teamId]);
      await setUserDisabled(system, { userId: id, disabled: true });
      return id;
    },
    call: (a, id) => setUserDisabled(a, { userId: id, disabled: false }),
    done: async (_a, id) => expect((await user(id as string)).disabledAt).toBeNull(),
  },
  {
    name: "setUserDisabled (disable)", actor: admin,
    prepare: async () => (await makeViewer("LAWYER", [teamId])).id,
    call: (a, id) => setUserDisabled(a, { userId: id, disabled: true }),
    done: async (_a, id) => expect((await user(id as string)).disabledAt).not.toBeNull(),
  },
  {
    name: "createTeam", actor: admin,
    call: (a) => createTeam(a, { name: `Hijack team ${a.id}` }),
    done: async (a) => expect(await db.prisma.team.count({ where: { name: `Hijack team ${a.id}` } })).toBe(1),
  },
  {
    name: "updateTeamOrganisation", actor: admin,
    prepare: async () => (await db.prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { version: true } })).version,
    call: (a, version) => updateTeamOrganisation(a, { teamId, version, orgLegalName: `Hijacked ${a.id}`, orgNameKo: "", orgAddress: "", orgEmail: "", orgPhone: "", orgWebsite: "", orgSignatory: "" }),
    done: async (a) => expect((await db.prisma.team.findUniqueOrThrow({ where: { id: teamId } })).orgLegalName).toBe(`Hijacked ${a.id}`),
  },
  {
    name: "endUserSessions", actor: admin,
    prepare: async () => (await withSession(await makeViewer("LAWYER", [teamId]), false)).id,
    call: (a, id) => endUserSessions(a, { userId: id }),
    done: async (_a, id) => expect(await db.prisma.userSession.count({ where: { userId: id as string, revokedAt: null } })).toBe(0),
  },
  {
    name: "resetUserTwoFactor", actor: admin,
    prepare: async () => {
      const v = await makeViewer("LAWYER", [teamId]);
      await enrolled(v);
      return v.id;
    },
    call: (a, id) => resetUserTwoFactor(a, { userId: id }),
    done: async (_a, id) => expect((await user(id as string)).totpEnabledAt).toBeNull(),
  },
  {
    name: "setRequireTwoFactorForAll (switch off 2FA for all)", actor: admin,
    prepare: () => db.prisma.appSetting.update({ where: { key: REQUIRE_2FA_FOR_ALL }, data: { value: true } }),
    call: (a) => setRequireTwoFactorForAll(a, { requireForAll: false }),
    done: async () => expect((await db.prisma.appSetting.findUniqueOrThrow({ where: { key: REQUIRE_2FA_FOR_ALL } })).value).toBe(false),
  },
  {
    name: "createSignInLink", actor: admin,
    prepare: async () => (await makeViewer("CASEWORKER", [teamId])).id,
    call: (a, id) => createSignInLink(a, { userId: id }),
    done: async (_a, id) => expect(await db.prisma.oneTimeToken.count({ where: { userId: id as string, kind: "password.set", usedAt: null } })).toBe(1),
  },
  {
    name: "changeOwnPassword", actor: admin,
    call: (a) => changeOwnPassword(a, { newPassword: "another long passphrase 7", confirmPassword: "another long passphrase 7" }),
    done: async (a) => expect((await user(a.id)).passwordChangedAt).not.toBeNull(),
  },
  {
    name: "confirmTotpEnrolment (replace one's authenticator)", actor: admin,
    prepare: async (a) => {
      await enrolled(a);
      return (await startTotpEnrolment({ userId: a.id, email: a.email, sessionId: a.sessionId, actor: a })).secret;
    },
    call: async (a, secret) => confirmTotpEnrolment({ userId: a.id, email: a.email, sessionId: a.sessionId, actor: a }, await totpCodeAt(secret as string, Math.floor(Date.now() / 1000))),
    done: async (a) => expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.replace", entityId: a.id } })).toBe(1),
  },
  {
    // An admin may not remove their factor at all (required for the role): a caseworker may, with a fresh stamp.
    name: "removeOwnTwoFactor", actor: async () => withSession(await makeViewer("CASEWORKER", [teamId]), false),
    prepare: async (a) => {
      await enrolled(a);
      await db.prisma.appSetting.update({ where: { key: REQUIRE_2FA_FOR_ALL }, data: { value: false } });
    },
    call: (a) => removeOwnTwoFactor({ userId: a.id, email: a.email, sessionId: a.sessionId, actor: a }),
    done: async (a) => expect((await user(a.id)).totpEnabledAt).toBeNull(),
  },
];

describe("every privilege change needs a fresh re-authentication, in the domain (S7)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const actor = await c.actor();
    const prepared = await c.prepare?.(actor);
    const before = await fingerprint();

    // No stamp at all: what a stolen cookie or an unattended laptop has.
    await expect(c.call(actor, prepared)).rejects.toBeInstanceOf(ReauthRequiredError);
    // A stamp older than the window.
    await markReauth(db.prisma, actor.sessionId!, new Date(Date.now() - REAUTH_MAX_AGE_MS - 60_000));
    const staleFingerprint = await fingerprint(); // the stamp itself is the only change
    await expect(c.call(actor, prepared)).rejects.toMatchObject({ code: "FORBIDDEN", message: "reauthRequired" });
    expect(await fingerprint()).toBe(staleFingerprint);
    // Another session of the same person re-authenticating does not make this one fresh.
    const other = await withSession(actor, true);
    expect(other.sessionId).not.toBe(actor.sessionId);
    await expect(c.call(actor, prepared)).rejects.toBeInstanceOf(ReauthRequiredError);
    await db.prisma.userSession.delete({ where: { id: other.sessionId! } });
    await db.prisma.userSession.update({ where: { id: actor.sessionId! }, data: { reauthAt: null } });
    expect(await fingerprint()).toBe(before);

    // Positive control: the same call with a fresh stamp goes through.
    await markReauth(db.prisma, actor.sessionId!, new Date());
    await c.call(actor, prepared);
    await c.done(actor, prepared);
  });

  it("a system actor (command-line tool, seed) needs no session", async () => {
    const { id } = await createUser(system, { email: "cli.admin@test.example", displayName: "CLI", role: "ADMIN", password: "a long enough passphrase 42", teamIds: [] });
    expect((await user(id)).role).toBe("ADMIN");
  });
});
