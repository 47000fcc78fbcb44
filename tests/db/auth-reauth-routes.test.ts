// S7 where it is enforced above the domain layer: the admin role-change action, the actions that
// set up or remove one's own second factor, and the two export routes refuse without a fresh
// re-authentication stamp on the session — and change or send nothing. getViewer is replaced by
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
import { updateUserAccessWithReauthAction } from "@/app/(app)/admin/users/actions";
import { confirmEnrolmentAction, removeTwoFactorAction } from "@/app/(app)/account/actions";
import { GET as exportCases } from "@/app/api/detainees/export/route";
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
const REFUSED = { ok: false, message: "reauthRequired" };
const isRedirect = { digest: expect.stringMatching(/^NEXT_REDIRECT/) };

describe("admin role change (S7)", () => {
  it("needs the admin's fresh re-authentication; a team change alone does not", async () => {
    const target = await makeViewer("CASEWORKER", [teamId]);
    const admin = await signIn("ADMIN", newTotpSecret());
    expect(await updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "ADMIN", teamIds: [teamId] }))).toEqual(REFUSED);
    expect((await user(target.id)).role).toBe("CASEWORKER");
    expect(await updateUserAccessWithReauthAction(null, form({ userId: target.id, role: "CASEWORKER", teamIds: [] }))).toEqual({ ok: true, data: undefined });

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
    expect(await confirmEnrolmentAction(null, form({ code: await code() }))).toEqual(REFUSED);
    expect(decryptField((await user(lawyer.id)).totpSecretEnc!, { table: "User", id: lawyer.id, field: "totpSecretEnc" })).toBe(old);

    await reauthenticated(lawyer);
    await expect(confirmEnrolmentAction(null, form({ code: await code() }))).rejects.toMatchObject(isRedirect);
    expect(decryptField((await user(lawyer.id)).totpSecretEnc!, { table: "User", id: lawyer.id, field: "totpSecretEnc" })).toBe(secret);
  });

  it("removing one's second factor needs a fresh re-authentication", async () => {
    const caseworker = await signIn("CASEWORKER", newTotpSecret());
    expect(await removeTwoFactorAction(null)).toEqual(REFUSED);
    expect((await user(caseworker.id)).totpEnabledAt).not.toBeNull();

    await reauthenticated(caseworker);
    await expect(removeTwoFactorAction(null)).rejects.toMatchObject(isRedirect);
    expect((await user(caseworker.id)).totpEnabledAt).toBeNull();
  });
});

describe("exports (S7)", () => {
  it("the case CSV without a fresh re-authentication is a redirect to it, with no data", async () => {
    const lawyer = await signIn("LAWYER", newTotpSecret());
    const { caseNumber } = await makeCompleteCase(lawyer, lawyer, teamId, await makeFacility());
    const request = () => new NextRequest("http://localhost/api/detainees/export?status=DETAINED");
    const refused = await exportCases(request());
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe(`/account/reauth?next=${encodeURIComponent("/api/detainees/export?status=DETAINED")}`);
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
