// S12/S11 on both engines: hostile input to user and team administration, own-account security,
// CSV import and evidence upload (the domain entry points of app/(app)/{admin,account,detainees/
// import}/actions.ts, evidence-actions.ts and login/two-factor/actions.ts) is refused as
// AppError/ZodError and writes nothing; the sign-in code checks answer with a verdict, never a 500.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import fc from "fast-check";
import type { Viewer } from "@/lib/auth/viewer";
import { reauthenticate } from "@/lib/auth/reauth";
import { markReauth } from "@/lib/auth/user-session";
import { completeSignInCode } from "@/lib/auth/pending";
import { createUser, setOwnLocale, setUserDisabled, updateUserAccess } from "@/lib/domain/user/mutations";
import { createTeam } from "@/lib/domain/team/mutations";
import { updateTeamOrganisation } from "@/lib/domain/team/organisation";
import { endUserSessions, resetUserTwoFactor, setRequireTwoFactorForAll } from "@/lib/domain/user/security";
import { changeOwnPassword, revokeOwnSession } from "@/lib/domain/user/security-account";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { createSignInLink, describeSignInLink, setPasswordWithLink } from "@/lib/domain/user/sign-in-links";
import { commitDetaineeImport, previewDetaineeImport } from "@/lib/domain/detainee/csv/import";
import { uploadAttachment } from "@/lib/domain/attachment/mutations";
import { describeError, FUZZ_RUNS, hostileString, hostileValue, isClientError } from "../security/fuzz-inputs";
import { assertHostileInputsRefusedCleanly, assertSmuggledKeysRefused, buildWorld, currentVersion, withSession, type World } from "./fuzz-world";
import { makeViewer } from "./fixtures";

let w: World;
let member: Viewer, linkUser: Viewer, passwordChanger: Viewer, otherSessionId: string, uploadDir: string;
beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), "haven-fuzz-"));
  process.env.HAVEN_UPLOAD_DIR = uploadDir;
  w = await buildWorld();
  // Someone for the admin targets to act on, so a successful random role change touches no fixture.
  member = await withSession(w.db, await makeViewer("CASEWORKER", [w.teamId]), false);
  // The sign-in link targets get their own user: a random setUserDisabled may disable `member`.
  linkUser = await makeViewer("CASEWORKER", [w.teamId]);
  passwordChanger = await withSession(w.db, await makeViewer("VIEWER", []), true);
  otherSessionId = (await withSession(w.db, w.lawyer, false)).sessionId!;
});
// Every privilege change needs a re-authentication at most 5 minutes old (S7): renewed before
// each test, so a slow run still reaches the input checks behind it.
beforeEach(async () => {
  for (const v of [w.admin, passwordChanger]) await markReauth(w.db.prisma, v.sessionId!, new Date());
});
afterAll(async () => {
  await w?.db.close();
  await rm(uploadDir, { recursive: true, force: true });
});

type Target = [name: string, call: (input: never) => Promise<unknown>, base: () => Record<string, unknown> | Promise<Record<string, unknown>>];
const file = (name = "note.txt", bytes: Uint8Array | string = "Seen at the bridge.") => new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name);
const CSV = "name_hangul,sex,status,arrest_date\n김철,MALE,DETAINED,2026-09\n";

const targets: Target[] = [
  ["createUser", (i) => createUser(w.admin, i), () => ({ email: "new.person@test.example", displayName: "New Person", role: "CASEWORKER", locale: "ko", password: "a long enough passphrase 42", teamIds: [w.teamId] })],
  ["updateUserAccess", (i) => updateUserAccess(w.admin, i), () => ({ userId: member.id, role: "CASEWORKER", teamIds: [w.teamId] })],
  ["setUserDisabled", (i) => setUserDisabled(w.admin, i), () => ({ userId: member.id, disabled: false })],
  ["createTeam", (i) => createTeam(w.admin, i), () => ({ name: "Busan office" })],
  ["updateTeamOrganisation", (i) => updateTeamOrganisation(w.admin, i), async () => ({ teamId: w.teamId, version: await currentVersion(w, "team", w.teamId), orgLegalName: "Haven Legal Aid", orgNameKo: "해이븐", orgAddress: "1 Test St", orgEmail: "legal@haven.test", orgPhone: "+82 2 000", orgWebsite: "https://haven.test", orgSignatory: "Han" })],
  ["endUserSessions", (i) => endUserSessions(w.admin, i), () => ({ userId: member.id })],
  ["resetUserTwoFactor", (i) => resetUserTwoFactor(w.admin, i), () => ({ userId: member.id })],
  ["setRequireTwoFactorForAll", (i) => setRequireTwoFactorForAll(w.admin, i), () => ({ requireForAll: false })],
  ["createSignInLink", (i) => createSignInLink(w.admin, i), () => ({ userId: linkUser.id })],
  ["setPasswordWithLink", (i) => setPasswordWithLink(i), async () => ({ token: (await createSignInLink(w.admin, { userId: linkUser.id })).token, newPassword: "another long passphrase 8", confirmPassword: "another long passphrase 8" })],
  ["revokeOwnSession", (i) => revokeOwnSession(w.lawyer, i), () => ({ sessionId: otherSessionId })],
  ["changeOwnPassword", (i) => changeOwnPassword(passwordChanger, i), () => ({ newPassword: "another long passphrase 7", confirmPassword: "another long passphrase 7" })],
  ["previewDetaineeImport", (i) => previewDetaineeImport(w.caseworker, i), () => ({ teamId: w.teamId, content: CSV })],
  ["commitDetaineeImport", (i) => commitDetaineeImport(w.caseworker, i), () => ({ teamId: w.teamId, content: CSV })],
  ["uploadAttachment", (i) => uploadAttachment(w.caseworker, i, file()), () => ({ detaineeId: w.detaineeId, description: "Letter", isConfidential: "on" })],
];

describe("administration, account, import and upload under hostile input", () => {
  it.each(targets)("%s refuses hostile input cleanly and writes nothing when it refuses", async (name, call, base) => {
    await assertHostileInputsRefusedCleanly(w, name, call, await base());
  });

  it.each(targets)("%s refuses any key its schema does not own", async (name, call, base) => {
    await assertSmuggledKeysRefused(w, name, call, await base());
  });

  it("a version beyond PostgreSQL's integer range is an input error, not a 500 (found by this fuzzing)", async () => {
    const base = { teamId: w.teamId, orgLegalName: "Haven Legal Aid", orgNameKo: "", orgAddress: "", orgEmail: "", orgPhone: "", orgWebsite: "", orgSignatory: "" };
    for (const version of [2 ** 31, new Date(2 ** 31), "99999999999"]) {
      await updateTeamOrganisation(w.admin, { ...base, version }).then(
        () => { throw new Error(`version ${String(version)} was accepted`); },
        (e: unknown) => { if (!isClientError(e)) throw e; },
      );
    }
  });

  it("describeSignInLink answers any value with null (never a throw, never a hit)", async () => {
    await fc.assert(fc.asyncProperty(hostileValue, async (v) => (await describeSignInLink(v)) === null), { numRuns: FUZZ_RUNS });
  });

  it("setOwnLocale accepts only en/ko and refuses anything else cleanly", async () => {
    await assertHostileInputsRefusedCleanly(w, "setOwnLocale", (i: { locale?: unknown }) => setOwnLocale(w.lawyer, i?.locale), { locale: "ko" });
  });

  it("a hostile CSV (any cells, quotes, delimiters) is previewed or refused, never a 500", async () => {
    const cell = fc.oneof(hostileString, fc.constantFrom('"', '""', ",", ";", "\r", "\n", '"a,b"', "=cmd|' /C calc'!A0"));
    const csv = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }).map((rows) => `name_hangul,family_name_roman,arrest_date,facility,narrative\n${rows.map((r) => r.join(",")).join("\n")}`);
    await assertHostileInputsRefusedCleanly(w, "previewDetaineeImport", (i) => previewDetaineeImport(w.caseworker, i), { teamId: w.teamId, content: CSV }, FUZZ_RUNS / 2);
    await fc.assert(fc.asyncProperty(csv, async (content) => {
      await previewDetaineeImport(w.caseworker, { teamId: w.teamId, content }).catch((e: unknown) => {
        if (!isClientError(e)) throw new Error(`previewDetaineeImport threw ${describeError(e)}`);
      });
    }), { numRuns: FUZZ_RUNS });
  });

  it("an upload with a hostile file name or content is stored under a clean name or refused, never a 500", async () => {
    await fc.assert(fc.asyncProperty(hostileString, fc.uint8Array({ maxLength: 64 }), async (name, bytes) => {
      await uploadAttachment(w.caseworker, { detaineeId: w.detaineeId }, file(name, bytes)).catch((e: unknown) => {
        if (!isClientError(e)) throw new Error(`uploadAttachment threw ${describeError(e)}`);
      });
    }), { numRuns: FUZZ_RUNS });
  });
});

// These answer a wrong code with a verdict (and record the failure, by design), so the check is
// only that no input escapes as anything but a verdict, an AppError or a ZodError.
describe("sign-in codes and re-authentication under hostile input", () => {
  const verdictOnly = (name: string, call: (v: unknown) => Promise<unknown>) => fc.asyncProperty(hostileValue, async (v) => {
    await call(v).catch((e: unknown) => {
      if (!isClientError(e)) throw new Error(`${name} threw ${describeError(e)}`);
    });
  });

  it("reauthenticate, confirmTotpEnrolment and completeSignInCode take any password or code", async () => {
    // Its own freshly re-authenticated person: the admin targets above may have ended member's sessions.
    const enroller = await withSession(w.db, await makeViewer("CASEWORKER", [w.teamId]), true);
    const subject = { userId: enroller.id, email: enroller.email, sessionId: enroller.sessionId, actor: enroller };
    await startTotpEnrolment(subject);
    const pending = { userId: w.lawyer.id, email: w.lawyer.email, locale: "en" as const, sessionId: w.lawyer.sessionId!, step: "code" as const, requestId: null, ip: null };
    const runs = { numRuns: FUZZ_RUNS / 2 };
    await fc.assert(verdictOnly("reauthenticate", (v) => reauthenticate(w.lawyer, { password: v, code: v })), runs);
    await fc.assert(verdictOnly("confirmTotpEnrolment", (v) => confirmTotpEnrolment(subject, v)), runs);
    await fc.assert(verdictOnly("completeSignInCode", (v) => completeSignInCode(pending, v)), runs);
  });
});
