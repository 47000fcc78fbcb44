// S7 at the entry points: the admin actions, the actions that set up or remove one's own second
// factor, and the two export routes refuse without a fresh re-authentication stamp on the session
// — an action by redirecting to /account/reauth with the way back, a route with a 303 — and
// change or send nothing. (The domain's own check: tests/db/privilege-reauth.test.ts.) getViewer is replaced by
// the signed-in viewer under test (the real one needs Next's request context); everything below
// it (the stamp on the UserSession row, the domain calls, the database) is real. On both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { Viewer } from "@/lib/auth/viewer";
import { usePrisma } from "@/lib/db/client";
import { decryptField, encryptField } from "@/lib/crypto/field";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { createUserSession, markReauth } from "@/lib/auth/user-session";
import { startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { createPetition } from "@/lib/domain/petitions/mutations";
import { createSignInLinkAction, endUserSessionsAction, resetUserTwoFactorAction, setTwoFactorPolicyAction, updateUserAccessWithReauthAction } from "@/app/(app)/admin/users/actions";
import { createTeamAction, createUserAction, setUserDisabledAction, updateTeamOrganisationAction } from "@/app/(app)/admin/actions";
import { confirmEnrolmentAction, removeTwoFactorAction } from "@/app/(app)/account/actions";
import { POST as exportCases } from "@/app/api/detainees/export/route";
import { POST as exportPetition } from "@/app/api/petitions/[petitionId]/export/route";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer } from "./fixtures";
import { makeCompleteCase, makePetitionTeam } from "./petitions-fixtures";

const signedIn = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => signedIn.viewer,
  requireActionViewer: async () => {
    if (!signedIn.viewer) throw new Error("test: no viewer");
    return signedIn.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamId: string;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makePetitionTeam();
});
afterAll(async () => db?.close());

/** A fully signed-in viewer with a real session row (second factor done), optionally enrolled in 2FA. */
async function signIn(role: Viewer["role"], totpSecret?: string): Promise<Viewer> {
  const v = await makeViewer(role, [teamId]);
  if (totpSecret) await db.prisma.user.update({ where: { id: v.id }, data: { totpSecretEnc: encryptField(totpSecret, { table: "User", id: v.id, field: "totpSecretEnc" }), totpEnabledAt: new Date() } });
  const sessionId = await db.prisma.$transaction((tx) => createUserSession(tx, { userId: v.id, ip: null, userAgent: null, secondFactorDone: true, now: new Date() }));
  signedIn.viewer = { ...v, sessionId };
  return signedIn.viewer;
}
/** What a successful password (and code) entry on /account/reauth leaves behind. */
const reauthenticated = (v: Viewer) => db.prisma.$transaction((tx) => markReauth(tx, v.sessionId!, new Date()));
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) f.append(k, value);
  return f;
};
const user = (id: string) => db.prisma.user.findUniqueOrThrow({ where: { id }, select: { role: true, totpSecretEnc: true, totpEnabledAt: true } });
const isRedirect = { digest: expect.stringMatching(/^NEXT_REDIRECT/) };
/** The redirect an action throws to send the person to /account/reauth and back to `next`. */
const toReauth = (next: string) => ({ digest: expect.stringContaining(`;/account/reauth?next=${encodeURIComponent(next)};`) });

const memberships = (userId: string) => db.prisma.teamMembership.count({ where: { userId } });

describe("admin role change (S7)", () => {
  it("needs the admin's fresh re-authentication, and so does a team change alone", async () => {
    const target = await makeViewer("CASEWORKER", [teamId]);
    const admin = await signIn("ADMIN", newTotpSecret());
    await expect(updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "ADMIN", teamIds: [teamId] }))).rejects.toMatchObject(toReauth(`/admin/users/${target.id}`));
    expect((await user(target.id)).role).toBe("CASEWORKER");
    await expect(updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "CASEWORKER", teamIds: [] }))).rejects.toMatchObject(toReauth(`/admin/users/${target.id}`));
    expect(await memberships(target.id)).toBe(1);

    await reauthenticated(admin);
    expect(await updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "LAWYER", teamIds: [teamId] }))).toEqual({ ok: true, data: undefined });
    expect((await user(target.id)).role).toBe("LAWYER");
  });
});

describe("own second factor (S7)", () => {
  it("setting up a new authenticator needs a fresh re-authentication, even with a valid code", async () => {
    const old = newTotpSecret();
    const lawyer = await signIn("LAWYER", old);
    const { secret } = await startTotpEnrolment({ userId: lawyer.id, email: lawyer.email, sessionId: lawyer.sessionId, actor: lawyer });
    const code = () => totpCodeAt(secret, Math.floor(Date.now() / 1000));
    await expect(confirmEnrolmentAction(null, form({ code: await code() }))).rejects.toMatchObject(toReauth("/account/two-factor"));
    expect(decryptField((await user(lawyer.id)).totpSecretEnc!, { table: "User", id: lawyer.id, field: "totpSecretEnc" })).toBe(old);

    await reauthenticated(lawyer);
    await expect(confirmEnrolmentAction(null, form({ code: await code() }))).rejects.toMatchObject(isRedirect);
    expect(decryptField((await user(lawyer.id)).totpSecretEnc!, { table: "User", id: lawyer.id, field: "totpSecretEnc" })).toBe(secret);
  });

  it("removing one's second factor needs a fresh re-authentication", async () => {
    const caseworker = await signIn("CASEWORKER", newTotpSecret());
    await expect(removeTwoFactorAction(null)).rejects.toMatchObject(toReauth("/account/two-factor"));
    expect((await user(caseworker.id)).totpEnabledAt).not.toBeNull();

    await reauthenticated(caseworker);
    await expect(removeTwoFactorAction(null)).rejects.toMatchObject(isRedirect);
    expect((await user(caseworker.id)).totpEnabledAt).toBeNull();
  });
});

describe("every admin action (S7)", () => {
  it("without a fresh re-authentication sends the admin to /account/reauth and back to the page, changing nothing", async () => {
    const target = await makeViewer("CASEWORKER", [teamId]);
    const admin = await signIn("ADMIN", newTotpSecret());
    const before = await db.prisma.$transaction([
      db.prisma.user.count(), db.prisma.team.count(), db.prisma.teamMembership.count(), db.prisma.appSetting.count(),
      db.prisma.oneTimeToken.count(), db.prisma.userSession.count({ where: { revokedAt: null } }), db.prisma.user.count({ where: { disabledAt: { not: null } } }),
    ]);
    const team = await db.prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { version: true } });
    const cases: [string, () => Promise<unknown>, string][] = [
      ["createUser", () => createUserAction(null, form({ email: "hijack@test.example", displayName: "Hijack", role: "ADMIN", password: "a long enough passphrase 42", teamIds: [teamId] })), "/admin/users/new"],
      ["setUserDisabled", () => setUserDisabledAction(null, form({ userId: target.id, disabled: "true" })), `/admin/users/${target.id}`],
      ["createTeam", () => createTeamAction(null, form({ name: "Hijack team" })), "/admin/teams"],
      ["updateTeamOrganisation", () => updateTeamOrganisationAction(null, form({ teamId, version: String(team.version), orgLegalName: "Hijack", orgNameKo: "", orgAddress: "", orgEmail: "", orgPhone: "", orgWebsite: "", orgSignatory: "" })), `/admin/teams/${teamId}`],
      ["updateUserAccess", () => updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "CASEWORKER", teamIds: [] })), `/admin/users/${target.id}`],
      ["endUserSessions", () => endUserSessionsAction(null, form({ userId: target.id })), `/admin/users/${target.id}`],
      ["resetUserTwoFactor", () => resetUserTwoFactorAction(null, form({ userId: target.id })), `/admin/users/${target.id}`],
      ["setTwoFactorPolicy", () => setTwoFactorPolicyAction(null, form({ requireForAll: "true" })), "/admin/users/security"],
      ["createSignInLink", () => createSignInLinkAction(null, form({ userId: target.id })), `/admin/users/${target.id}#sign-in-link`],
      // A crafted id does not steer the way back: the list instead.
      ["setUserDisabled (crafted id)", () => setUserDisabledAction(null, form({ userId: "//evil.example", disabled: "true" })), "/admin/users"],
    ];
    for (const [name, call, next] of cases) await expect(call(), name).rejects.toMatchObject(toReauth(next));
    const after = await db.prisma.$transaction([
      db.prisma.user.count(), db.prisma.team.count(), db.prisma.teamMembership.count(), db.prisma.appSetting.count(),
      db.prisma.oneTimeToken.count(), db.prisma.userSession.count({ where: { revokedAt: null } }), db.prisma.user.count({ where: { disabledAt: { not: null } } }),
    ]);
    expect(after).toEqual(before);
    expect((await db.prisma.team.findUniqueOrThrow({ where: { id: teamId }, select: { version: true } })).version).toBe(team.version);

    // Positive control: the same create goes through once the admin has re-authenticated.
    await reauthenticated(admin);
    await expect(createUserAction(null, form({ email: "fresh@test.example", displayName: "Fresh", role: "CASEWORKER", password: "a long enough passphrase 42", teamIds: [teamId] })))
      .rejects.toMatchObject({ digest: expect.stringContaining(";/admin/users?created=1;") });
    expect(await db.prisma.user.count({ where: { email: "fresh@test.example" } })).toBe(1);
  });
});

describe("exports (S7)", () => {
  it("the case CSV without a fresh re-authentication is a redirect to it, with no data", async () => {
    const lawyer = await signIn("LAWYER", newTotpSecret());
    const { caseNumber } = await makeCompleteCase(lawyer, lawyer, teamId, await makeFacility());
    const request = () => new NextRequest("http://localhost/api/detainees/export", { method: "POST", headers: { "sec-fetch-site": "same-origin" }, body: form({ status: "DETAINED" }) });
    const refused = await exportCases(request());
    expect(refused.status).toBe(303);
    // Back to the list with the same filters afterwards, to press Export again.
    expect(refused.headers.get("location")).toBe(`/account/reauth?next=${encodeURIComponent("/detainees?status=DETAINED&sort=updated")}`);
    expect(await refused.text()).toBe("");

    await reauthenticated(lawyer);
    const sent = await exportCases(request());
    expect(sent.status).toBe(200);
    expect(sent.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await sent.text()).toContain(caseNumber);
  });

  it("a petition export without a fresh re-authentication is a redirect to it, and nothing is rendered or stored", async () => {
    const lawyer = await signIn("LAWYER", newTotpSecret());
    const d = await makeCompleteCase(lawyer, lawyer, teamId, await makeFacility());
    const { id } = await createPetition(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] });
    const post = (fields: Record<string, string>) => exportPetition(
      new Request(`http://localhost/api/petitions/${id}/export`, { method: "POST", headers: { "sec-fetch-site": "same-origin" }, body: form(fields) }),
      { params: Promise.resolve({ petitionId: id }) },
    );
    const refused = await post({ format: "pdf" });
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe(`/account/reauth?next=${encodeURIComponent(`/petitions/${id}`)}`);
    expect(await db.prisma.petitionFile.count({ where: { petitionId: id } })).toBe(0);

    // Past the re-authentication gate: the next check (the format) answers, without rendering anything.
    await reauthenticated(lawyer);
    expect((await post({})).status).toBe(400);
  });
});
