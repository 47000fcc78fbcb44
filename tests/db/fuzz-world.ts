// The database side of the S12 fuzz tests: a small world (team, people, a case with custody,
// consent and a source, a facility, an event, a petition, notices) for hostile inputs to aim at,
// a fingerprint of the whole database to prove a rejected call wrote nothing, and the property
// every domain entry point must keep.
import { expect } from "vitest";
import fc from "fast-check";
// Aliased: the name starts with "use" but it is no React hook.
import { usePrisma as installPrisma } from "@/lib/db/client";
import { runAction } from "@/lib/actions";
import type { Viewer } from "@/lib/auth/viewer";
import { createUserSession, markReauth } from "@/lib/auth/user-session";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { recordConsent } from "@/lib/domain/consent/mutations";
import { addSource } from "@/lib/domain/source/mutations";
import { createRepatriationEvent } from "@/lib/domain/event/mutations";
import { createPetition } from "@/lib/domain/petitions/mutations";
import { describeError, FUZZ_RUNS, hostileVariant, isClientError, isUnknownKeyRejection, smuggledVariant } from "../security/fuzz-inputs";
import { createTestDatabase, type TestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer } from "./fixtures";
import { makePetitionTeam } from "./petitions-fixtures";

export type World = {
  db: TestDatabase;
  teamId: string;
  admin: Viewer;
  lawyer: Viewer;
  caseworker: Viewer;
  detaineeId: string;
  /** A second case, for targets whose success would hide the first (archiving). */
  spareDetaineeId: string;
  facilityId: string;
  eventId: string;
  consentId: string;
  sourceId: string;
  petitionId: string;
  notificationId: string;
};

/** A viewer with a live server-side session; `reauth` stamps a fresh re-authentication on it. */
export async function withSession(db: TestDatabase, viewer: Viewer, reauth: boolean): Promise<Viewer> {
  const now = new Date();
  const sessionId = await createUserSession(db.prisma, { userId: viewer.id, ip: null, userAgent: null, secondFactorDone: true, now });
  if (reauth) await markReauth(db.prisma, sessionId, now);
  return { ...viewer, sessionId };
}

export async function buildWorld(): Promise<World> {
  ensureTestKeys();
  const db = await createTestDatabase();
  installPrisma(db.prisma);
  const teamId = await makePetitionTeam();
  const admin = await withSession(db, await makeViewer("ADMIN", [teamId]), true);
  const lawyer = await withSession(db, await makeViewer("LAWYER", [teamId]), true);
  const caseworker = await makeViewer("CASEWORKER", [teamId]);
  const facilityId = await makeFacility();
  const { id: detaineeId } = await createDetainee(caseworker, { teamId, status: "DETAINED", familyNameRoman: "Kim", nameHangul: "김영희", arrestDate: "2026-09-14" });
  const { id: spareDetaineeId } = await createDetainee(caseworker, { teamId, nameHangul: "박철" });
  await addCustodyPeriod(caseworker, { detaineeId, facilityId, from: "2026-09-14" });
  const consent = await recordConsent(lawyer, { detaineeId, channel: "WGAD", naming: "FULL_NAME", givenBy: "DETAINEE", method: "IN_PERSON", givenOn: "2026-10-01" });
  const source = await addSource(lawyer, { detaineeId, kind: "FAMILY_MEMBER", label: "Family member #1" });
  const { id: eventId } = await createRepatriationEvent(caseworker, { date: "2026-10", facilityId, verification: "REPORTED" });
  const { id: petitionId } = await createPetition(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [detaineeId] });
  const n = await db.prisma.notification.create({ data: { userId: lawyer.id, kind: "STATUS_CHANGED", title: "x", href: "/", dedupeKey: "fuzz" }, select: { id: true } });
  return {
    db, teamId, admin, lawyer, caseworker, detaineeId, spareDetaineeId, facilityId, eventId,
    consentId: consent.id, sourceId: source.id, petitionId, notificationId: n.id,
  };
}

/** The row's version now, so a base input reaches the write instead of stopping at CONFLICT. */
export async function currentVersion(w: World, table: "detainee" | "detentionFacility" | "repatriationEvent" | "petition" | "team", id: string): Promise<number> {
  const delegate = w.db.prisma[table] as unknown as { findUniqueOrThrow(a: object): Promise<{ version: number }> };
  return (await delegate.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

const TABLES = [
  "User", "Team", "TeamMembership", "Detainee", "DetaineeAssignment", "CustodyPeriod", "DetentionFacility", "FacilityRiskSnapshot",
  "RepatriationEvent", "RepatriationEventDetainee", "Indicator", "Source", "Attachment", "Consent", "Petition", "PetitionDetainee",
  "PetitionTransition", "PetitionFile", "UserSession", "AppSetting", "OneTimeToken", "Activity", "Notification", "AuditLog",
  "LoginAttempt", "CaseNumberCounter",
];
// Row counts catch inserts and deletes; versions, revocations and read marks catch updates.
const FINGERPRINT_SQL = `SELECT json_build_object(${[
  ...TABLES.map((t) => `'${t}', (SELECT count(*) FROM "${t}")`),
  ...["Team", "Detainee", "DetentionFacility", "RepatriationEvent", "Petition"].map((t) => `'${t}.version', (SELECT coalesce(sum(version), 0) FROM "${t}")`),
  `'User.sessionVersion', (SELECT coalesce(sum("sessionVersion"), 0) FROM "User")`,
  `'User.disabled', (SELECT count(*) FROM "User" WHERE "disabledAt" IS NOT NULL)`,
  `'Session.revoked', (SELECT count(*) FROM "UserSession" WHERE "revokedAt" IS NOT NULL)`,
  `'Notification.read', (SELECT count(*) FROM "Notification" WHERE "readAt" IS NOT NULL)`,
  `'Consent.revoked', (SELECT count(*) FROM "Consent" WHERE "revokedAt" IS NOT NULL)`,
].join(", ")}) AS f`;

export async function fingerprint(db: TestDatabase): Promise<string> {
  const [row] = await db.runner.query<{ f: unknown }>(FINGERPRINT_SQL);
  return JSON.stringify(row?.f);
}

// What runAction may show a user: a message key or an AppError sentence, never internals.
const LEAK = /\n|\bat (?:async )?[\w.$<>]+ \(|\.(?:ts|js|mjs):\d+|node_modules|\b(?:SELECT|INSERT|UPDATE|DELETE)\b|prisma|postgres|pglite|byte sequence|ZodError|TypeError|<script/i;

/** The message the browser would get for this error, through the real runAction. */
export async function expectSafeActionResult(name: string, error: unknown): Promise<void> {
  const result = await runAction(name, () => Promise.reject(error));
  expect(result.ok).toBe(false);
  const message = result.ok ? "" : (result.message ?? "");
  expect(message.length).toBeLessThanOrEqual(300);
  expect(message).not.toMatch(LEAK);
}

type Call = (input: never) => Promise<unknown>;

/**
 * S12's promise for one entry point: any input either succeeds or is refused with an AppError or
 * a ZodError (a 4xx), never another error (a 500); a refused call changes nothing in the database;
 * and the message runAction would send carries no stack or SQL.
 */
export async function assertHostileInputsRefusedCleanly(w: World, name: string, call: Call, base: Record<string, unknown>, numRuns = FUZZ_RUNS) {
  await fc.assert(
    fc.asyncProperty(hostileVariant(base), async (input) => {
      const before = await fingerprint(w.db);
      let error: unknown = null;
      try {
        await call(input as never);
      } catch (e) {
        error = e;
      }
      if (error === null) return;
      if (!isClientError(error)) throw new Error(`${name} threw ${describeError(error)} (would be a 500)`);
      expect(await fingerprint(w.db)).toBe(before);
      await expectSafeActionResult(name, error);
    }),
    { numRuns, examples: storageBreakers(base) },
  );
}

/**
 * Always tried, whatever the seed: each text field (and each text in a list) with the characters
 * that storage chokes on — NUL, which PostgreSQL text and jsonb cannot hold, and lone UTF-16
 * surrogates, which are not valid UTF-8 — so a regression is caught on every run, not by luck.
 */
export function storageBreakers(base: Record<string, unknown>): [unknown][] {
  const out: [unknown][] = [];
  for (const [key, value] of Object.entries(base)) {
    for (const bad of ["a\u0000b", "a\ud800b"]) {
      if (typeof value === "string") out.push([{ ...base, [key]: value + bad }]);
      else if (Array.isArray(value) && typeof value[0] === "string") out.push([{ ...base, [key]: [value[0] + bad] }]);
    }
  }
  return out;
}

/** Mass assignment (S11): a valid input plus any key the schema does not own is refused outright. */
export async function assertSmuggledKeysRefused(w: World, name: string, call: Call, base: Record<string, unknown>, numRuns = Math.ceil(FUZZ_RUNS / 2)) {
  await fc.assert(
    fc.asyncProperty(smuggledVariant(base), async ({ key, input }) => {
      const before = await fingerprint(w.db);
      const error = await call(input as never).then(() => null, (e: unknown) => e);
      if (!isUnknownKeyRejection(error)) throw new Error(`${name} accepted the extra key ${JSON.stringify(key)}: ${error ? describeError(error) : "succeeded"}`);
      expect(await fingerprint(w.db)).toBe(before);
    }),
    { numRuns },
  );
}
