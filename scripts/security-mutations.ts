// Mutation check of the security requirements (SECURITY.md S1–S26, mapped in docs/security.md):
// each requirement must have "an automated test that fails when the protection is removed". For
// every entry of MUTATIONS below this script removes one protection with the smallest edit that
// does it, runs the tests that claim to guard it (Vitest, in-memory PGlite), expects them to fail,
// and puts the file back — always, also on Ctrl-C. A mutation the tests survive is a gap in the
// suite; a mutation whose `find` text is no longer in the file exactly once is STALE (the code
// moved: update the entry).
//
//   node_modules/.bin/tsx scripts/security-mutations.ts            all; writes docs/security-mutations.md
//   node_modules/.bin/tsx scripts/security-mutations.ts --only S2,S5.3
//                                                                  a subset (a requirement or one entry); prints only
//   node_modules/.bin/tsx scripts/security-mutations.ts --only S22,S26 --update-report
//                                                                  a subset, and its rows replaced in docs/security-mutations.md
//   node_modules/.bin/tsx scripts/security-mutations.ts --list     lists the entries and checks they are not stale
//
// Exits non-zero when any mutation survived, is stale or invalid, or a baseline run failed.
// Test output is kept in tmp/security-mutations/ (git-ignored).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

type Mutation = {
  /** The requirement, e.g. "S2". Entries are numbered within it (S2.1, S2.2…) in the report. */
  id: string;
  /** The protection removed, in plain English. */
  what: string;
  /** Repository-relative path of the file to edit. */
  file: string;
  /** Text that must occur exactly once in the file… */
  find: string;
  /** …and what it becomes while the tests run. */
  replace: string;
  /** The test files that must fail (keep the set small: each run starts its own database). */
  tests: string[];
  /** Optional Vitest -t filter (a test name pattern). */
  testName?: string;
  /**
   * Its tests run on PostgreSQL (TEST_DATABASE_URL) instead of PGlite: for protections PGlite
   * cannot show (database roles). Without TEST_DATABASE_URL the entry cannot be checked and says so.
   */
  postgresql?: true;
};

// Test files used below, by name.
const T = {
  password: "lib/auth/password.test.ts",
  commonPasswords: "lib/auth/common-passwords.test.ts",
  totpUnit: "lib/auth/totp.test.ts",
  sessionState: "lib/auth/session-state.test.ts",
  cookiesUnit: "lib/auth/cookies.test.ts",
  reauthUnit: "lib/auth/reauth.test.ts",
  redirect: "lib/auth/options.test.ts",
  crypto: "lib/crypto/field.test.ts",
  startupCheck: "lib/config/startup-check.test.ts",
  keysRotate: "tests/db/keys-rotate.test.ts",
  csvImport: "tests/db/csv-import.test.ts",
  chain: "lib/audit/chain.test.ts",
  sniff: "lib/domain/attachment/sniff.test.ts",
  storage: "lib/domain/attachment/storage.test.ts",
  policy: "tests/security/auth-policy.test.ts",
  throttle: "tests/db/auth-throttle.test.ts",
  clientAddress: "lib/http/client-address.test.ts",
  totp: "tests/db/auth-totp.test.ts",
  sessions: "tests/db/auth-sessions.test.ts",
  signOut: "tests/db/auth-signout.test.ts",
  cookies: "tests/db/auth-cookies.test.ts",
  reauth: "tests/db/auth-reauth.test.ts",
  reauthRoutes: "tests/db/auth-reauth-routes.test.ts",
  privilegeReauth: "tests/db/privilege-reauth.test.ts",
  exportOrigin: "tests/db/export-origin.test.ts",
  detaineeAccess: "tests/db/detainee-access.test.ts",
  evidence: "tests/db/evidence.test.ts",
  petitionsAccess: "tests/db/petitions-access.test.ts",
  auditUsers: "tests/db/audit-and-users.test.ts",
  sqlInjection: "tests/db/security-sql-injection.test.ts",
  tokens: "tests/db/security-tokens.test.ts",
  signInLinks: "tests/db/sign-in-links.test.ts",
  auditRefusals: "tests/db/audit-refusals.test.ts",
  auditSealing: "tests/db/audit-sealing.test.ts",
  auditTamper: "tests/db/audit-tamper.test.ts",
  auditRoles: "tests/db/audit-roles.test.ts",
  checkpoint: "lib/audit/checkpoint.test.ts",
  secrets: "lib/config/secrets.test.ts",
  purge: "tests/db/retention-purge.test.ts",
  fuzzAccount: "tests/db/fuzz-account-mutations.test.ts",
  fuzzActions: "tests/security/fuzz-actions.test.ts",
  fuzzQuery: "tests/security/fuzz-query-strings.test.ts",
  input: "tests/security/input.test.ts",
  staticCode: "tests/security/static-code.test.ts",
  headers: "tests/security/headers.test.ts",
  logger: "tests/security/logger.test.ts",
  floors: "tests/security/dependency-floors.test.ts",
  privateDir: "tests/security/private-data-dir.test.ts",
  uploadRoutes: "tests/db/upload-routes.test.ts",
  csvStaging: "tests/db/csv-import-staging.test.ts",
} as const;

const F = {
  password: "lib/auth/password.ts",
  passwordSchema: "lib/auth/password-schema.ts",
  commonPasswords: "lib/auth/common-passwords.ts",
  throttle: "lib/auth/throttle.ts",
  clientAddress: "lib/http/client-address.ts",
  credentials: "lib/auth/credentials.ts",
  totp: "lib/auth/totp.ts",
  secondFactor: "lib/auth/second-factor.ts",
  sessionState: "lib/auth/session-state.ts",
  userSession: "lib/auth/user-session.ts",
  resolveSession: "lib/auth/resolve-session.ts",
  options: "lib/auth/options.ts",
  cookies: "lib/auth/cookies.ts",
  reauth: "lib/auth/reauth.ts",
  permissions: "lib/auth/permissions.ts",
  userMutations: "lib/domain/user/mutations.ts",
  teamMutations: "lib/domain/team/mutations.ts",
  teamOrganisation: "lib/domain/team/organisation.ts",
  enrolment: "lib/domain/user/security-enrolment.ts",
  userSecurity: "lib/domain/user/security.ts",
  userAccount: "lib/domain/user/security-account.ts",
  adminActions: "app/(app)/admin/users/actions.ts",
  accountActions: "app/(app)/account/actions.ts",
  csvExportRoute: "app/api/detainees/export/route.ts",
  attachmentRoute: "app/api/attachments/[attachmentId]/route.ts",
  petitionFileRoute: "app/api/petitions/files/[fileId]/route.ts",
  sameOrigin: "lib/http/same-origin.ts",
  petitionExportRoute: "app/api/petitions/[petitionId]/export/route.ts",
  detaineeScope: "lib/domain/detainee/scope.ts",
  detaineeQueries: "lib/domain/detainee/queries.ts",
  detaineeSchemas: "lib/domain/detainee/schemas.ts",
  petitionScope: "lib/domain/petitions/scope.ts",
  custody: "lib/domain/custody/mutations.ts",
  authz: "lib/domain/authz.ts",
  sourceQueries: "lib/domain/source/queries.ts",
  sourceSchemas: "lib/domain/source/schemas.ts",
  userSchemas: "lib/domain/user/schemas.ts",
  attachmentQueries: "lib/domain/attachment/queries.ts",
  download: "lib/domain/attachment/download.ts",
  sniff: "lib/domain/attachment/sniff.ts",
  storage: "lib/domain/attachment/storage.ts",
  facilityQueries: "lib/domain/facility/queries.ts",
  actions: "lib/actions.ts",
  input: "lib/security/input.ts",
  csp: "lib/security/csp.ts",
  headers: "lib/security/headers.ts",
  crypto: "lib/crypto/field.ts",
  rotate: "lib/crypto/rotate.ts",
  csvImport: "lib/domain/detainee/csv/import.ts",
  caseNumber: "lib/domain/detainee/case-number.ts",
  consentQueries: "lib/domain/consent/queries.ts",
  consentMutations: "lib/domain/consent/mutations.ts",
  chain: "lib/audit/chain.ts",
  seal: "lib/audit/seal.ts",
  verify: "lib/audit/verify.ts",
  checkpoint: "lib/audit/checkpoint.ts",
  auditMaintain: "lib/audit/maintain.ts",
  dbRoles: "lib/db/roles.ts",
  secrets: "lib/config/secrets.ts",
  initMigration: "prisma/migrations/20261128000000_init/migration.sql",
  sealingMigration: "prisma/migrations/20261203094159_audit_sealing/migration.sql",
  logger: "lib/logger.ts",
  tokens: "lib/security/tokens.ts",
  signInLinks: "lib/domain/user/sign-in-links.ts",
  refusal: "lib/audit/refusal.ts",
  auditQueries: "lib/domain/audit/queries.ts",
  purge: "lib/domain/retention/purge.ts",
  purgePetitions: "lib/domain/retention/petitions.ts",
  privateFiles: "lib/security/private-files.ts",
  engine: "lib/db/engine.ts",
  prepareInstance: "scripts/prepare-instance.ts",
  uploadRoute: "lib/http/upload-route.ts",
  streamedForm: "lib/http/streamed-form.ts",
  stagedUpload: "lib/domain/attachment/staged-upload.ts",
  csvImportRoute: "app/api/uploads/csv-import/route.ts",
  proxy: "proxy.ts",
  csvStaging: "lib/domain/detainee/csv/staging.ts",
  dailyJobs: "lib/jobs/daily.ts",
} as const;

// tests/security/static-code.test.ts scans scripts/ too: the names it bans are assembled, so this
// file does not match itself.
const UNSAFE_RAW = "$executeRaw" + "Unsafe";
const INNER_HTML = "dangerously" + "SetInnerHTML";

const MUTATIONS: Mutation[] = [
  // S1 — passwords
  { id: "S1", what: "Minimum password length lowered from 12 to 8", file: F.password, find: "export const PASSWORD_MIN = 12;", replace: "export const PASSWORD_MIN = 8;", tests: [T.password] },
  { id: "S1", what: "No maximum password length", file: F.password, find: '  if (length > PASSWORD_MAX) return "tooLong";\n', replace: "", tests: [T.password] },
  {
    id: "S1", what: "Passwords silently truncated to 72 characters before hashing and verifying (as bcrypt does)", file: F.password,
    find: 'import { hash, verify } from "@node-rs/argon2";',
    replace: 'import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";\nconst hash = (p: string, o: Parameters<typeof argonHash>[1]) => argonHash(p.slice(0, 72), o);\nconst verify = (h: string, p: string) => argonVerify(h, p.slice(0, 72));',
    tests: [T.password],
  },
  { id: "S1", what: "argon2 cost lowered below m=19456, t=2", file: F.password, find: "memoryCost: 19456, timeCost: 2", replace: "memoryCost: 4096, timeCost: 1", tests: [T.password] },
  { id: "S1", what: "argon2i instead of argon2id", file: F.password, find: "algorithm: 2 ", replace: "algorithm: 1 ", tests: [T.password] },
  { id: "S1", what: "New passwords not checked against the common-password list", file: F.passwordSchema, find: '  .max(PASSWORD_MAX, "passwordTooLong")\n  .refine((p) => !isCommonPassword(p), "passwordCommon");', replace: '  .max(PASSWORD_MAX, "passwordTooLong");', tests: [T.policy] },
  { id: "S1", what: "New passwords not checked for the minimum length", file: F.passwordSchema, find: '  .min(PASSWORD_MIN, "passwordTooShort")\n', replace: "", tests: [T.policy] },
  { id: "S1", what: "Common passwords padded with digits or symbols no longer refused", file: F.commonPasswords, find: "  if (core.length >= 4 && list.has(core)) return true;\n", replace: "", tests: [T.commonPasswords] },

  // S2 — sign-in throttling
  { id: "S2", what: "No per-account delay (only the per-address limit counts)", file: F.throttle, find: "const accountUntil = await delayedUntil(tx, delayKey, THROTTLE.accountFailures, now);", replace: "const accountUntil = null as Date | null;", tests: [T.throttle], testName: "after 10 failures the account waits" },
  { id: "S2", what: "No per-address limit (only the per-account delay counts)", file: F.throttle, find: "const addressUntil = await addressBlockedUntil(tx, addr, now);", replace: "const addressUntil = null as Date | null;", tests: [T.throttle], testName: "per-address" },
  { id: "S2", what: "Failed sign-ins not counted against the address", file: F.throttle, find: "failures: [acct, addr, pair]", replace: "failures: [acct, pair]", tests: [T.throttle], testName: "per-address" },
  { id: "S2", what: "One failure counter for all accounts (locking one account locks out the others)", file: F.throttle, find: 'digest("acct", email.trim().toLowerCase())', replace: 'digest("acct", "every-account")', tests: [T.throttle] },
  { id: "S2", what: "Account limit raised from 10 to 1000 failures", file: F.throttle, find: "  accountFailures: 10,", replace: "  accountFailures: 1000,", tests: [T.policy] },
  { id: "S2", what: "Throttling window shortened from 15 minutes to 1 minute", file: F.throttle, find: "  windowMs: 15 * MINUTE,", replace: "  windowMs: MINUTE,", tests: [T.policy] },
  { id: "S2", what: "Re-authentication (a password check inside a session) not throttled", file: F.reauth, find: '  if (!verdict.allowed) return "locked";\n', replace: "", tests: [T.reauth], testName: "throttled like sign-in" },
  { id: "S2", what: "Attempt not reserved before its password is checked (check-then-count: parallel guesses all run)", file: F.throttle, find: "return { allowed: true, reservation: await reserve(tx, keys.failures, keys.successes, now) };", replace: "return { allowed: true, reservation: { ids: [] as string[], successKeys: keys.successes } };", tests: [T.throttle, T.reauth, T.totp], testName: "60 parallel" },
  { id: "S2", what: "Progressive delay does not grow (always the first delay)", file: F.throttle, find: "return Math.min(THROTTLE.delayBaseMs * 2 ** Math.min(failures - free, 20), THROTTLE.delayCapMs);", replace: "return THROTTLE.delayBaseMs;", tests: [T.throttle], testName: "doubles" },
  { id: "S2", what: "Progressive delay without a cap (a stranger keeps the owner out for hours)", file: F.throttle, find: "return Math.min(THROTTLE.delayBaseMs * 2 ** Math.min(failures - free, 20), THROTTLE.delayCapMs);", replace: "return THROTTLE.delayBaseMs * 2 ** (failures - free);", tests: [T.throttle], testName: "doubles" },
  { id: "S2", what: "Known address not exempt from a stranger's failures (lock-out by anyone who knows the email)", file: F.throttle, find: "const delayKey = (await isKnownAddress(db, email, ip, now)) ? pair : acct;", replace: "const delayKey = acct;", tests: [T.throttle], testName: "stranger" },
  { id: "S2", what: "Known address exempt from its own failures too", file: F.throttle, find: "const delayKey = (await isKnownAddress(db, email, ip, now)) ? pair : acct;", replace: 'const delayKey = (await isKnownAddress(db, email, ip, now)) ? "nobody" : acct;', tests: [T.throttle], testName: "not exempt from its own" },
  { id: "S2", what: "Every throttled attempt writes its own audit row (unbounded log under a flood)", file: F.throttle, find: "  if ((await bump()).count > 0) return;", replace: '  if ((await bump()).count > 0) {\n    await recordAudit(tx, ctx.actor, { action: ctx.action, entityType: "User", entityId: ctx.userId, meta: { reason: "throttled" } });\n    return;\n  }', tests: [T.throttle], testName: "once per burst" },
  { id: "S2", what: "X-Forwarded-For believed from any peer (rotating it bypasses the address limit)", file: F.clientAddress, find: "if (!peer || input.trusted.entries.length === 0 || !isTrusted(input.trusted, peer)) return peer;", replace: "if (!peer) return peer;", tests: [T.clientAddress] },
  { id: "S2", what: "Left-most X-Forwarded-For entry (written by the client) taken", file: F.clientAddress, find: "for (let i = hops.length - 1; i >= 0; i--) {", replace: "for (let i = 0; i < hops.length; i++) {", tests: [T.clientAddress] },
  { id: "S2", what: "Peer header believed without the socket hook (a client can send it)", file: F.clientAddress, find: "const peer = installed.__havenPeerHook ? header(headers, PEER_HEADER) : null;", replace: "const peer = header(headers, PEER_HEADER);", tests: [T.clientAddress] },
  { id: "S2", what: "Sign-in reads the client's X-Forwarded-For directly", file: F.options, find: "ip: clientAddress(headers), userAgent", replace: 'ip: typeof headers?.["x-forwarded-for"] === "string" ? headers["x-forwarded-for"] : null, userAgent', tests: [T.redirect] },
  { id: "S2", what: "Socket hook keeps a client-sent peer header", file: F.clientAddress, find: 'req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";', replace: 'req.headers[PEER_HEADER] ??= req.socket?.remoteAddress ?? "";', tests: [T.clientAddress] },

  // S3 — no account enumeration
  { id: "S3", what: "No dummy argon2 verification for unknown emails", file: F.password, find: "    await verify(await getDummyHash(), password).catch(() => false);\n", replace: "", tests: [T.throttle], testName: "no account enumeration" },
  { id: "S3", what: "Sign-in skips the password hash when the email is unknown", file: F.credentials, find: "const ok = await verifyPassword(verdict.allowed ? user?.passwordHash : null, password);", replace: "const ok = user ? await verifyPassword(verdict.allowed ? user.passwordHash : null, password) : false;", tests: [T.throttle], testName: "no account enumeration" },
  { id: "S3", what: "Unknown email gets its own error instead of the common refusal", file: F.credentials, find: "  if (!user || !ok || user.disabledAt) {", replace: '  if (!user) throw new Error("No account with this email.");\n  if (!ok || user.disabledAt) {', tests: [T.throttle], testName: "no account enumeration" },
  { id: "S3", what: "A throttled attempt skips the dummy argon2 run (faster answer)", file: F.credentials, find: "const ok = await verifyPassword(verdict.allowed ? user?.passwordHash : null, password);", replace: "const ok = verdict.allowed ? await verifyPassword(user?.passwordHash, password) : false;", tests: [T.throttle], testName: "no account enumeration" },

  // S4 — two-factor authentication
  { id: "S4", what: "TOTP single use: the compare-and-set on totpLastStep dropped", file: F.secondFactor, find: "where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },", replace: "where: { id: userId },", tests: [T.totp] },
  { id: "S4", what: "TOTP single use: codes of an already used step accepted by the verifier", file: F.totp, find: "    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),\n", replace: "", tests: [T.totpUnit] },
  { id: "S4", what: "No throttling of second-factor codes (6 digits can be brute-forced)", file: F.throttle, find: "const until = await delayedUntil(tx, key, THROTTLE.codeFailures, now);", replace: "const until = null as Date | null;", tests: [T.totp], testName: "wrong codes" },
  { id: "S4", what: "Two-factor no longer required for LAWYER", file: F.sessionState, find: 'export const TWO_FACTOR_ROLES: readonly Role[] = ["ADMIN", "LAWYER"];', replace: 'export const TWO_FACTOR_ROLES: readonly Role[] = ["ADMIN"];', tests: [T.sessionState] },
  { id: "S4", what: "ADMIN/LAWYER without an authenticator not forced to enrol", file: F.sessionState, find: 'return isTwoFactorRequired(user.role, input.requireForAll) ? { kind: "needs-enrolment" } : { kind: "active" };', replace: 'return { kind: "active" };', tests: [T.sessionState] },
  { id: "S4", what: "An enrolled user's password-only session counts as fully signed in", file: F.sessionState, find: 'if (user.totpEnabledAt) return row.secondFactorAt ? { kind: "active" } : { kind: "needs-code" };', replace: 'if (user.totpEnabledAt) return { kind: "active" };', tests: [T.sessionState] },
  { id: "S4", what: "Sign-in marks the second factor as done", file: F.credentials, find: "const needsSecondFactor = Boolean(user.totpEnabledAt) || isTwoFactorRequired(user.role, await getRequireTwoFactorForAll());", replace: "const needsSecondFactor = false;", tests: [T.totp] },
  { id: "S4", what: "getViewer returns a viewer for a session still owing its second factor", file: F.resolveSession, find: 'if (resolved.verdict.kind !== "active" || !resolved.user) return null;', replace: 'if (resolved.verdict.kind === "invalid" || !resolved.user) return null;', tests: [T.totp] },
  // Issue 12 item 6: a pending enrolment secret belongs to the session that started the set-up.
  { id: "S4", what: "Enrolment: another session of the same person is shown the pending secret", file: F.enrolment, find: "  if (existing && sessionOf(existing.payload) === sessionId) {", replace: "  if (existing) {", tests: [T.totp], testName: "pending secret belongs" },
  { id: "S4", what: "Enrolment: another session confirms the pending secret with the owner's codes", file: F.enrolment, find: '  if (sessionOf(token.payload) !== sessionId) throw new AppError("INVALID", "enrolmentReplaced");\n', replace: "", tests: [T.totp], testName: "pending secret belongs" },
  { id: "S4", what: "Admin 2FA reset (lost phone) leaves the user's sessions alive", file: F.userSecurity, find: '    await endAllSessions(tx, userId, now);\n    await recordAudit(tx, viewer, { action: "user.2fa.reset"', replace: '    await recordAudit(tx, viewer, { action: "user.2fa.reset"', tests: [T.totp] },

  // S5 — session lifetime and revocation
  { id: "S5", what: "Session rows live 7× the absolute lifetime", file: F.userSession, find: "expiresAt: new Date(input.now.getTime() + SESSION_LIMITS.absoluteMs),", replace: "expiresAt: new Date(input.now.getTime() + 7 * SESSION_LIMITS.absoluteMs),", tests: [T.sessions] },
  { id: "S5", what: "Absolute session expiry not checked", file: F.sessionState, find: '  if (now.getTime() >= row.expiresAt.getTime()) return { kind: "invalid", reason: "expired" };\n', replace: "", tests: [T.sessions] },
  { id: "S5", what: "Idle timeout not checked", file: F.sessionState, find: '  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_LIMITS.idleMs) return { kind: "invalid", reason: "idle" };\n', replace: "", tests: [T.sessions] },
  { id: "S5", what: "Absolute lifetime raised from 12 h to 24 h", file: F.sessionState, find: "  absoluteMs: 12 * 60 * 60_000,", replace: "  absoluteMs: 24 * 60 * 60_000,", tests: [T.policy] },
  { id: "S5", what: "Idle timeout raised from 30 min to 2 h", file: F.sessionState, find: "  idleMs: 30 * 60_000,", replace: "  idleMs: 120 * 60_000,", tests: [T.policy] },
  { id: "S5", what: "sessionVersion not compared with the token's", file: F.sessionState, find: '  if (user.sessionVersion !== claims.sv) return { kind: "invalid", reason: "stale" };\n', replace: "", tests: [T.sessions] },
  { id: "S5", what: "Revoked session rows still accepted", file: F.sessionState, find: '  if (row.revokedAt) return { kind: "invalid", reason: "revoked" };\n', replace: "", tests: [T.sessions] },
  { id: "S5", what: "A cookie may name another user's session row", file: F.sessionState, find: '  if (row.userId !== claims.uid || user.id !== claims.uid) return { kind: "invalid", reason: "mismatch" };\n', replace: "", tests: [T.sessions] },
  { id: "S5", what: "Disabled users' sessions still accepted", file: F.sessionState, find: '  if (user.disabledAt) return { kind: "invalid", reason: "disabled" };\n', replace: "", tests: [T.sessionState] },
  { id: "S5", what: "Ending all sessions (logout, password, 2FA reset) does not bump sessionVersion", file: F.userSession, find: "  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });\n", replace: "", tests: [T.sessions] },
  { id: "S5", what: "Ending all sessions does not revoke the session rows", file: F.userSession, find: "  await db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });\n", replace: "", tests: [T.sessions] },
  { id: "S5", what: "Sign-out ends only this browser's session, not every session of the user", file: F.options, find: "else await endAllSessions(tx, uid, now);", replace: "else await revokeSession(tx, token.sid!, now);", tests: [T.signOut] },
  { id: "S5", what: "Password change does not end existing sessions", file: F.userAccount, find: "    await endAllSessions(tx, viewer.id, now);\n", replace: "", tests: [T.sessions] },
  { id: "S5", what: "Role change does not bump sessionVersion", file: F.userMutations, find: "data: { role: data.role, sessionVersion: { increment: 1 } }", replace: "data: { role: data.role }", tests: [T.sessions] },
  { id: "S5", what: "Disabling a user does not bump sessionVersion", file: F.userMutations, find: "data: { disabledAt: data.disabled ? new Date() : null, sessionVersion: { increment: 1 } },", replace: "data: { disabledAt: data.disabled ? new Date() : null },", tests: [T.auditUsers] },

  // S6 — cookies
  { id: "S6", what: "Session cookie not HttpOnly", file: F.cookies, find: 'options: { httpOnly: true, sameSite: "lax", path: "/", secure },', replace: 'options: { httpOnly: false, sameSite: "lax", path: "/", secure },', tests: [T.cookies] },
  { id: "S6", what: "Session cookie SameSite=None", file: F.cookies, find: 'options: { httpOnly: true, sameSite: "lax", path: "/", secure },', replace: 'options: { httpOnly: true, sameSite: "none", path: "/", secure },', tests: [T.cookiesUnit] },
  { id: "S6", what: "No __Secure- prefix over https", file: F.cookies, find: "return isHttpsUrl(appUrl) ? `__Secure-${SESSION_COOKIE_BASENAME}` : SESSION_COOKIE_BASENAME;", replace: "return SESSION_COOKIE_BASENAME;", tests: [T.cookies] },
  { id: "S6", what: "Session cookie not Secure over https", file: F.cookies, find: "const secure = isHttpsUrl(appUrl);", replace: "const secure = false;", tests: [T.cookies] },

  // S7 — re-authentication
  { id: "S7", what: "Re-auth stamp never expires", file: F.reauth, find: "return age >= 0 && age <= maxAgeMs;", replace: "return age >= 0;", tests: [T.reauth] },
  { id: "S7", what: "Password change without a fresh re-auth stamp", file: F.userAccount, find: "  await requireRecentReauth(viewer, undefined, now);\n", replace: "", tests: [T.reauth] },
  { id: "S7", what: "Admin 2FA reset without a fresh re-auth stamp", file: F.userSecurity, find: "  await requireRecentReauth(viewer, undefined, now);\n  const { userId } = userIdSchema.parse(input);\n  await prisma().$transaction(async (tx) => {\n    const found", replace: "  const { userId } = userIdSchema.parse(input);\n  await prisma().$transaction(async (tx) => {\n    const found", tests: [T.totp] },
  { id: "S7", what: "Re-authentication accepts the password alone when 2FA is enrolled", file: F.reauth, find: "  if (user.totpEnabledAt) {\n    // The password was right", replace: "  if (!user) {\n    // The password was right", tests: [T.reauth] },
  // Issue 12 item 5: every privilege change checks the stamp in the domain, one entry per function.
  { id: "S7", what: "Domain: createUser without a fresh re-auth stamp (a hijacked admin session makes an ADMIN)", file: F.userMutations, find: "  await requireReauthOf(actor);\n  const data = createUserSchema", replace: "  const data = createUserSchema", tests: [T.privilegeReauth], testName: "createUser" },
  { id: "S7", what: "Domain: updateUserAccess (role and teams) without a fresh re-auth stamp", file: F.userMutations, find: "  await requireReauthOf(actor);\n  const data = updateUserAccessSchema", replace: "  const data = updateUserAccessSchema", tests: [T.privilegeReauth], testName: "updateUserAccess" },
  { id: "S7", what: "Domain: setUserDisabled (re-enabling) without a fresh re-auth stamp", file: F.userMutations, find: "  await requireReauthOf(actor);\n  const data = setUserDisabledSchema", replace: "  const data = setUserDisabledSchema", tests: [T.privilegeReauth], testName: "setUserDisabled" },
  { id: "S7", what: "Domain: createTeam without a fresh re-auth stamp", file: F.teamMutations, find: "  await requireReauthOf(actor);\n", replace: "", tests: [T.privilegeReauth], testName: "createTeam" },
  { id: "S7", what: "Domain: updateTeamOrganisation without a fresh re-auth stamp", file: F.teamOrganisation, find: "  await requireReauthOf(actor);\n", replace: "", tests: [T.privilegeReauth], testName: "updateTeamOrganisation" },
  { id: "S7", what: "Domain: endUserSessions without a fresh re-auth stamp", file: F.userSecurity, find: "  await requireRecentReauth(viewer, undefined, now);\n  const { userId } = userIdSchema.parse(input);\n  await prisma().$transaction(async (tx) => {\n    if (!(", replace: "  const { userId } = userIdSchema.parse(input);\n  await prisma().$transaction(async (tx) => {\n    if (!(", tests: [T.privilegeReauth], testName: "endUserSessions" },
  { id: "S7", what: "Domain: switching off 2FA for all without a fresh re-auth stamp", file: F.userSecurity, find: "  assertCan(viewer, \"settings.manage\");\n  await requireRecentReauth(viewer);\n", replace: "  assertCan(viewer, \"settings.manage\");\n", tests: [T.privilegeReauth], testName: "setRequireTwoFactorForAll" },
  { id: "S7", what: "Domain: confirming a new authenticator without a fresh re-auth stamp", file: F.enrolment, find: "  await requireReauthOf(subject.actor, now);\n  const db = prisma();", replace: "  const db = prisma();", tests: [T.privilegeReauth, T.reauthRoutes], testName: "confirmTotpEnrolment|own second factor" },
  { id: "S7", what: "Domain: removing one's 2FA without a fresh re-auth stamp", file: F.enrolment, find: "  await requireReauthOf(subject.actor, now);\n  const { role }", replace: "  const { role }", tests: [T.privilegeReauth, T.reauthRoutes], testName: "removeOwnTwoFactor|own second factor" },
  { id: "S7", what: "Domain gate lets every signed-in person through", file: F.reauth, find: "  if (isViewer(actor)) await requireRecentReauth(actor, REAUTH_MAX_AGE_MS, now);", replace: "  if (isViewer(actor) && !actor) await requireRecentReauth(actor, REAUTH_MAX_AGE_MS, now);", tests: [T.privilegeReauth] },
  { id: "S7", what: "Actions show a message instead of sending the admin to re-authenticate and back", file: F.actions, find: "      if (e instanceof ReauthRequiredError && options.reauthNext !== undefined) redirect(reauthPath(options.reauthNext));\n", replace: "", tests: [T.reauthRoutes] },
  { id: "S7", what: "CSV export of cases without a fresh re-auth stamp", file: F.csvExportRoute, find: "  if (!(await hasRecentReauth(viewer))) {", replace: "  if (!viewer) {", tests: [T.reauthRoutes] },
  { id: "S7", what: "Petition export without a fresh re-auth stamp", file: F.petitionExportRoute, find: "  if (!(await hasRecentReauth(viewer))) {", replace: "  if (!viewer) {", tests: [T.reauthRoutes] },

  // S9 — object-level access
  { id: "S9", what: "detaineeWhere drops the team scope", file: F.detaineeScope, find: "return { teamId: { in: viewer.teamIds }, ...archived };", replace: "return archived;", tests: [T.detaineeAccess] },
  { id: "S9", what: "petitionWhere drops the team scope", file: F.petitionScope, find: "return { teamId: { in: viewer.teamIds }, archivedAt: null };", replace: "return { archivedAt: null };", tests: [T.petitionsAccess] },
  { id: "S9", what: "getDetainee reads a case by id without the scope", file: F.detaineeQueries, find: "  const d = await db.detainee.findFirst({\n    where: { AND: [{ id: detaineeId }, detaineeWhere(viewer)] },", replace: "  const d = await db.detainee.findFirst({\n    where: { id: detaineeId },", tests: [T.detaineeAccess] },
  { id: "S9", what: "Writes to a case (notes, sources, files…) find it without the scope", file: F.custody, find: "const where = isViewer(actor) ? { AND: [{ id: detaineeId }, detaineeWhere(actor)] } : { id: detaineeId };", replace: "const where = { id: detaineeId };", tests: [T.evidence] },
  { id: "S9", what: "Attachment download without the case scope", file: F.download, find: "where: { id: attachmentId, archivedAt: null, detainee: detaineeWhere(viewer) },", replace: "where: { id: attachmentId, archivedAt: null },", tests: [T.evidence] },
  { id: "S9", what: "Source list without the case scope", file: F.sourceQueries, find: "where: { detaineeId, detainee: detaineeWhere(viewer) },", replace: "where: { detaineeId },", tests: [T.evidence] },
  { id: "S9", what: "Non-admins may open cases in any team", file: F.authz, find: 'if (!isViewer(actor) || actor.role === "ADMIN") return null;', replace: "return null;", tests: [T.detaineeAccess] },

  // S10 — field-level access
  { id: "S10", what: "Caseworkers get detainee.restricted.read", file: F.permissions, find: '"detainee.restricted.read": COUNSEL,', replace: '"detainee.restricted.read": STAFF,', tests: [T.detaineeAccess] },
  { id: "S10", what: "Family contacts unmasked on the case page", file: F.detaineeQueries, find: "familyContacts: mayReadRestricted ? { visible: true as const, value: decryptOptional(familyContactsEnc, { table: \"Detainee\", id: d.id, field: \"familyContactsEnc\" }) } : { visible: false as const },", replace: "familyContacts: { visible: true as const, value: decryptOptional(familyContactsEnc, { table: \"Detainee\", id: d.id, field: \"familyContactsEnc\" }) },", tests: [T.detaineeAccess] },
  { id: "S10", what: "Family contacts unmasked in the edit form", file: F.detaineeQueries, find: 'familyContacts: mayReadRestricted ? { show: true, value: decryptOptional(d.familyContactsEnc, { table: "Detainee", id: d.id, field: "familyContactsEnc" }) ?? "" } : { show: false },', replace: 'familyContacts: { show: true, value: decryptOptional(d.familyContactsEnc, { table: "Detainee", id: d.id, field: "familyContactsEnc" }) ?? "" },', tests: [T.detaineeAccess] },
  { id: "S10", what: "Consent giver's name and notes unmasked for caseworkers and viewers", file: F.consentQueries, find: "    restricted: mayReadRestricted\n      ? {", replace: "    restricted: true\n      ? {", tests: [T.detaineeAccess] },
  { id: "S10", what: "Consent restricted view not audited", file: F.consentQueries, find: 'recordAudit(tx, viewer, { action: "consent.restricted.view"', replace: 'Promise.resolve(tx) && ({ action: "consent.restricted.view"', tests: [T.detaineeAccess] },
  { id: "S10", what: "Confidential notes unmasked in the timeline", file: F.detaineeQueries, find: "      : mayReadRestricted\n", replace: "      : true\n", tests: [T.evidence] },
  { id: "S10", what: "Source identities unmasked", file: F.sourceQueries, find: "    restricted: mayRead\n", replace: "    restricted: true\n", tests: [T.evidence] },
  { id: "S10", what: "Confidential attachments listed in full", file: F.attachmentQueries, find: "r.isConfidential && !mayRead ?", replace: "false ?", tests: [T.evidence] },
  { id: "S10", what: "Confidential attachments downloadable by every role", file: F.download, find: 'if (!a || (a.isConfidential && !can(viewer, "detainee.restricted.read"))) return null;', replace: "if (!a) return null;", tests: [T.evidence] },

  // S11 — mass assignment
  { id: "S11", what: "Case fields schema accepts (and drops) unknown keys", file: F.detaineeSchemas, find: "export const detaineeFieldsSchema = z.strictObject({", replace: "export const detaineeFieldsSchema = z.object({", tests: [T.detaineeAccess] },
  { id: "S11", what: "Source schema accepts unknown keys", file: F.sourceSchemas, find: "export const addSourceSchema = z.strictObject({", replace: "export const addSourceSchema = z.object({", tests: [T.evidence] },
  { id: "S11", what: "User access schema accepts unknown keys", file: F.userSchemas, find: "export const updateUserAccessSchema = z.strictObject({", replace: "export const updateUserAccessSchema = z.object({", tests: [T.fuzzAccount], testName: "updateUserAccess refuses any key" },

  // S12 — input validation, no internals in responses
  { id: "S12", what: "runAction shows an unexpected error's message", file: F.actions, find: '    return { ok: false, message: "generic" };', replace: '    return { ok: false, message: e instanceof Error ? e.message : "generic" };', tests: [T.fuzzActions] },
  { id: "S12", what: "runAction shows the raw ZodError message", file: F.actions, find: 'return { ok: false, message: "checkFields", fieldErrors: z.flattenError(e).fieldErrors as Record<string, string[]> };', replace: "return { ok: false, message: e.message };", tests: [T.fuzzActions] },
  { id: "S12", what: "Case-list search parameter throws on malformed input (no .catch)", file: F.detaineeSchemas, find: "q: z.string().transform(stripControlChars).pipe(z.string().trim().max(100)).optional().catch(undefined),", replace: "q: z.string().transform(stripControlChars).pipe(z.string().trim().max(100)).optional(),", tests: [T.fuzzQuery] },

  // S13 — SQL injection
  { id: "S13", what: "escapeLike no longer escapes LIKE wildcards", file: F.input, find: "return stripUnstorable(text).replace(/[\\\\%_]/g, (c) => `\\\\${c}`);", replace: "return stripUnstorable(text);", tests: [T.input] },
  { id: "S13", what: "Case search passes the search text to LIKE unescaped", file: F.detaineeQueries, find: "needle ? { searchText: { contains: escapeLike(needle) } } : {},", replace: "needle ? { searchText: { contains: needle } } : {},", tests: [T.sqlInjection] },
  { id: "S13", what: "Facility search passes the search text to LIKE unescaped", file: F.facilityQueries, find: '{ nameEn: { contains: escapeLike(filters.q), mode: "insensitive" } }', replace: '{ nameEn: { contains: filters.q, mode: "insensitive" } }', tests: [T.sqlInjection] },
  {
    id: "S13", what: "Raw SQL built as a string (the unsafe raw-query method)", file: F.purge,
    find: "const tokens = await tx.$executeRaw`DELETE FROM \"OneTimeToken\" WHERE COALESCE(\"payload\"::text, '') LIKE ${like}`;",
    replace: `const tokens = await tx.${UNSAFE_RAW}(\`DELETE FROM "OneTimeToken" WHERE COALESCE("payload"::text, '') LIKE '\${like}'\`);`,
    tests: [T.staticCode],
  },

  // S14 — XSS
  { id: "S14", what: "Case narrative rendered as HTML", file: "app/(app)/detainees/[detaineeId]/page.tsx", find: '<p className="mt-1 whitespace-pre-line text-sm">{d.narrative}</p>', replace: `<p className="mt-1 whitespace-pre-line text-sm" ${INNER_HTML}={{ __html: d.narrative ?? "" }} />`, tests: [T.staticCode] },

  // S15/S16/S20 — CSP and headers
  { id: "S15", what: "CSP without object-src 'none'", file: F.csp, find: "    [\"object-src\", [\"'none'\"]],\n", replace: "", tests: [T.headers] },
  { id: "S15", what: "CSP allows inline scripts instead of the per-request nonce", file: F.csp, find: "[\"'self'\", `'nonce-${nonce}'`, \"'strict-dynamic'\"]", replace: "[\"'self'\", \"'unsafe-inline'\"]", tests: [T.headers] },
  { id: "S15", what: "CSP nonce not random", file: F.csp, find: "  crypto.getRandomValues(bytes);\n", replace: "", tests: [T.headers] },
  { id: "S16", what: "No X-Content-Type-Options: nosniff", file: F.headers, find: '    { key: "X-Content-Type-Options", value: "nosniff" },\n', replace: "", tests: [T.headers] },
  { id: "S16", what: "Referrer-Policy leaks the origin", file: F.headers, find: '{ key: "Referrer-Policy", value: "no-referrer" }', replace: '{ key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }', tests: [T.headers] },
  { id: "S20", what: "CSP allows fonts from a third-party host", file: F.csp, find: "[\"font-src\", [\"'self'\"]],", replace: "[\"font-src\", [\"'self'\", \"https://fonts.gstatic.com\"]],", tests: [T.headers] },

  // S17 — open redirects
  { id: "S17", what: "Re-auth return path accepts protocol-relative URLs", file: F.reauth, find: '!next.startsWith("/") || next.startsWith("//") ||', replace: '!next.startsWith("/") ||', tests: [T.reauthUnit] },
  { id: "S17", what: "Sign-in callbackUrl may leave the site", file: F.options, find: "      return baseUrl;\n    },", replace: "      return url;\n    },", tests: [T.redirect] },
  { id: "S17", what: "CSV export of cases takes a post from another site", file: F.csvExportRoute, find: '  if (!isSameOrigin(request)) return plain(403, "Forbidden");', replace: "", tests: [T.exportOrigin] },
  { id: "S17", what: "CSV export of cases answers a GET (a cross-site link or navigation)", file: F.csvExportRoute, find: "export async function POST(request: NextRequest) {", replace: "export async function GET(request: NextRequest) {\n  return POST(request);\n}\nexport async function POST(request: NextRequest) {", tests: [T.exportOrigin] },
  { id: "S17", what: "Evidence download started by another site is served", file: F.attachmentRoute, find: "  if (isFromAnotherSite(request)) return", replace: "  if (!isFromAnotherSite) return", tests: [T.exportOrigin] },
  { id: "S17", what: "Petition file download started by another site is served", file: F.petitionFileRoute, find: "  if (isFromAnotherSite(request)) return", replace: "  if (!isFromAnotherSite) return", tests: [T.exportOrigin] },
  { id: "S17", what: "Downloads started by a sibling subdomain (same-site) are served", file: F.sameOrigin, find: 'return site === "cross-site" || site === "same-site";', replace: 'return site === "cross-site";', tests: [T.exportOrigin] },

  // S18 — encryption at rest
  { id: "S18", what: "Fixed (all-zero) IV", file: F.crypto, find: "const iv = randomBytes(12);", replace: "const iv = Buffer.alloc(12);", tests: [T.crypto] },
  { id: "S18", what: "GCM authentication tag not checked", file: F.crypto, find: '  decipher.setAuthTag(Buffer.from(tag, "base64"));\n', replace: "", tests: [T.crypto] },
  { id: "S18", what: "Short keys accepted", file: F.crypto, find: 'if (key.length !== 32) return "must be 32 bytes', replace: 'if (key.length === 0) return "must be 32 bytes', tests: [T.crypto] },
  { id: "S18", what: "Restricted fields stored in plaintext", file: F.crypto, find: "return value?.trim() ? encryptField(value, site) : null;", replace: "return value?.trim() ? value : null;", tests: [T.evidence] },
  // S18 round 2 (issue 12): row-bound ciphertexts, key refusal, rotation
  { id: "S18", what: "Associated data does not bind the row (a moved ciphertext decrypts)", file: F.crypto, find: "return Buffer.from(`v2:${keyId}:${site.table}:${site.id}:${site.field}`);", replace: "return Buffer.from(`v2:${keyId}`);", tests: [T.crypto] },
  { id: "S18", what: "v2 value accepted when relabelled v1 (downgrade skips the row binding)", file: F.crypto, find: 'decipher.setAAD(version === "v2" ? siteAad(keyId, site) : Buffer.from(keyId));', replace: 'decipher.setAAD(version === "v2" ? siteAad(keyId, site) : siteAad(keyId, site));', tests: [T.crypto] },
  { id: "S18", what: "Duplicated key id accepted", file: F.crypto, find: "if (keys.has(id)) throw", replace: "if (keys.has(id) && false) throw", tests: [T.crypto, T.startupCheck] },
  { id: "S18", what: "All-zero / all-equal key accepted", file: F.crypto, find: 'if (key.every((b) => b === key[0])) return', replace: 'if (key.length < 0) return', tests: [T.crypto, T.startupCheck] },
  { id: "S18", what: "Start-up does not refuse unusable keys", file: "lib/config/startup-check.ts", find: "  if (keyProblem) {\n", replace: "  if (keyProblem && false) {\n", tests: [T.startupCheck] },
  { id: "S18", what: "Rotation skips values under the old key (format check only)", file: F.rotate, find: "if (isCurrentFormat(stored, ring)) {", replace: 'if (stored.startsWith("v2.")) {', tests: [T.keysRotate] },
  { id: "S18", what: "Rotation leaves legacy plaintext consent details", file: F.rotate, find: "data[plainCol] = null;", replace: "", tests: [T.keysRotate] },
  { id: "S18", what: "Consent giver's name stored in plaintext", file: F.consentMutations, find: 'givenByNameEnc: encryptOptional(data.givenBy === "DETAINEE" ? null : data.givenByName, consentSite(id, "givenByNameEnc")),', replace: 'givenByName: data.givenBy === "DETAINEE" ? null : data.givenByName,', tests: [T.detaineeAccess] },
  // Issue 12 item 13: small leaks
  { id: "S24", what: "Import preview names an archived case (its case number)", file: F.csvImport, find: "existing = new Map(found.map((f) => [f.importKey, f.archived ? null : f.caseNumber]));", replace: "existing = new Map(found.map((f) => [f.importKey, f.caseNumber]));", tests: [T.csvImport], testName: "archived case" },
  { id: "S9", what: "Case numbers from a shared counter (reveal other teams' volume)", file: F.caseNumber, find: "return `HV-${year}-${pick()}-${pick()}`;", replace: "return `HV-${year}-${String(randomInt(10000)).padStart(4, \"0\")}`;", tests: [T.detaineeAccess], testName: "numbers cases" },

  // S19 — audit log
  { id: "S19", what: "Verifier ignores a row whose content no longer matches its hash", file: F.chain, find: '  return "content does not match its hash";\n}', replace: "  return null;\n}", tests: [T.chain] },
  { id: "S19", what: "Verifier ignores a broken prevHash link (deleted rows)", file: F.chain, find: '  if (row.prevHash !== prev) return "prevHash does not match the previous row";\n', replace: "", tests: [T.chain] },
  { id: "S19", what: "entityId not covered by the hash", file: F.chain, find: "entityType: row.entityType, entityId: row.entityId,", replace: "entityType: row.entityType,", tests: [T.chain] },
  { id: "S19", what: "Sealer does not chain each row to the one before it", file: F.seal, find: "        prev = hash;\n", replace: "", tests: [T.auditUsers] },
  { id: "S19", what: "Trigger no longer refuses UPDATE of audit rows", file: F.initMigration, find: 'CREATE TRIGGER "AuditLog_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditLog"', replace: 'CREATE TRIGGER "AuditLog_no_update_delete" BEFORE DELETE ON "AuditLog"', tests: [T.auditUsers] },
  { id: "S19", what: "Trigger lets an already sealed row be sealed again (rewritten)", file: F.sealingMigration, find: '    IF OLD."seq" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL\n', replace: "    IF true\n", tests: [T.auditSealing] },
  { id: "S19", what: "Trigger lets sealing change a row's content", file: F.sealingMigration, find: "       AND (to_jsonb(NEW) - 'seq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prevHash' - 'hash') THEN", replace: "       THEN", tests: [T.auditSealing] },
  { id: "S19", what: "Verifier ignores a missing or moved chain position", file: F.verify, find: "      if (r.seq !== expectedSeq) {", replace: "      if (false) {", tests: [T.auditSealing] },
  { id: "S19", what: "Verifier does not report rows left unsealed", file: F.verify, find: 'FROM "AuditLog" WHERE "seq" IS NULL`;', replace: 'FROM "AuditLog" WHERE false`;', tests: [T.auditSealing] },
  { id: "S19", what: "Failed sign-ins not audited", file: F.credentials, find: '      action: "auth.login.failure", entityType: user ? "User" : undefined, entityId: user?.id, meta: { reason },', replace: '      action: "auth.login.other", entityType: user ? "User" : undefined, entityId: user?.id, meta: { reason },', tests: [T.throttle], testName: "after 10 failures the account waits|no account enumeration" },
  { id: "S19", what: "Viewing family contacts not audited", file: F.detaineeQueries, find: '    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "detainee.restricted.view", entityType: "Detainee", entityId: d.id, meta: { fields: ["familyContacts"] } }));\n', replace: "", tests: [T.detaineeAccess] },

  // S21 — logs
  { id: "S21", what: "password no longer a redacted log field", file: F.logger, find: '  "password",\n  "currentPassword",', replace: '  "currentPassword",', tests: [T.logger] },
  { id: "S21", what: "Redaction only at the top level of a log object", file: F.logger, find: "REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);", replace: "REDACTED_FIELDS.flatMap((f) => [f]);", tests: [T.logger] },
  { id: "S21", what: "Errors logged with pino's default serializer (message and stack)", file: F.logger, find: "    serializers: {\n      err: (e: unknown) => {", replace: "    serializers: {\n      unusedErr: (e: unknown) => {", tests: [T.logger] },

  // S22 — uploads
  { id: "S22", what: "No upload size limit", file: F.sniff, find: '  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, reason: "tooLarge" };\n', replace: "", tests: [T.sniff] },
  { id: "S22", what: "HTML disguised as text or a photo accepted", file: F.sniff, find: "      if (MARKUP.test(view)) markup = true;\n", replace: "", tests: [T.sniff] },
  { id: "S22", what: "Detected types outside the allow-list accepted", file: F.sniff, find: "const mimeType = ALLOWED[detected.ext];", replace: "const mimeType = ALLOWED[detected.ext] ?? detected.mime;", tests: [T.sniff] },
  { id: "S22", what: "The proxy replaces a download's sandbox CSP with the page policy", file: "proxy.ts", find: "isDataResponsePath(pathname) ? DATA_RESPONSE_CSP : csp", replace: "csp", tests: [T.headers] },
  { id: "S22", what: "Without the proxy, downloads get the page fallback CSP (no sandbox rule in next.config.ts)", file: F.headers, find: 'headers: [{ key: "Content-Security-Policy", value: DATA_RESPONSE_CSP }] };', replace: 'headers: [{ key: "X-Unused", value: DATA_RESPONSE_CSP }] };', tests: [T.headers] },
  { id: "S22", what: "The data policy does not sandbox", file: F.csp, find: "\"default-src 'none'; sandbox; frame-ancestors 'none'\"", replace: "\"default-src 'none'; frame-ancestors 'none'\"", tests: [T.headers] },
  { id: "S22", what: "Downloads served inline instead of as attachments", file: F.download, find: "return `attachment; filename=", replace: "return `inline; filename=", tests: [T.evidence] },
  { id: "S22", what: "Upload directory allowed inside public/ or .next/", file: F.storage, find: "if (dir === root || dir.startsWith(root + path.sep)) throw", replace: 'if (dir === "") throw', tests: [T.evidence] },
  { id: "S22", what: "Storage keys not checked (path traversal out of the upload directory)", file: F.storage, find: '  if (!KEY.test(key)) throw new Error("Invalid storage key");\n', replace: "", tests: [T.storage] },

  // Issue 12 item 8 — the data dir (database, secrets, evidence files) is this OS user's only
  { id: "S22", what: "Data dir tightening leaves group/other bits on files (PGlite's 0666 files stay readable)", file: F.privateFiles, find: "} else if (st.isFile() && (st.mode & 0o077) !== 0) {", replace: "} else if (st.isFile() && (st.mode & 0o077) === 0o077) {", tests: [T.privateDir] },
  { id: "S22", what: "Data dir tightening skips directories", file: F.privateFiles, find: "if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) {\n        chmodSync", replace: "if (st.mode < 0) {\n        chmodSync", tests: [T.privateDir] },
  { id: "S22", what: "Demo/e2e preparation does not make the data root private (secrets, uploads of an older version stay open)", file: F.prepareInstance, find: "  preparePrivateDir(dataRoot);\n", replace: "", tests: [T.privateDir] },
  { id: "S22", what: "No private umask: processes create files with the umask they were started with", file: F.privateFiles, find: "    process.umask(PRIVATE_UMASK);", replace: "    process.umask();", tests: [T.privateDir] },
  { id: "S22", what: "A streamed upload's text check reads only the start of the file (markup further in accepted)", file: F.sniff, find: "    if (scanner.isMarkup) break;", replace: "    break;", tests: [T.sniff] },

  // Issue 12 item 9 — uploads through routes that decide who may send a large body before reading it
  { id: "S26", what: "Upload route reads the body before checking the session", file: F.uploadRoute, find: "  const viewer = await getViewer();\n  if (!viewer) return notFound();", replace: "  void (await readCappedForm(request.clone()));\n  const viewer = await getViewer();\n  if (!viewer) return notFound();", tests: [T.uploadRoutes] },
  { id: "S26", what: "Upload route reads the body before checking permission and scope", file: F.uploadRoute, find: "    id = await route.authorize(viewer, route.rawId);", replace: "    id = route.rawId;", tests: [T.uploadRoutes] },
  { id: "S26", what: "Upload body not capped while it is streamed (only the file size is checked, after reading it all)", file: F.streamedForm, find: "        if (total > cap) {", replace: "        if (total > cap * 1000) {", tests: [T.uploadRoutes] },
  { id: "S26", what: "Declared Content-Length over the cap not refused up front", file: F.streamedForm, find: "  return Number.isFinite(declared) && declared > cap;", replace: "  return Number.isFinite(declared) && declared > cap * 1000;", tests: [T.uploadRoutes] },
  { id: "S17", what: "Upload route accepts cross-site posts", file: F.uploadRoute, find: '  if (!isSameOrigin(request)) return plain(403, "Forbidden");\n', replace: "", tests: [T.uploadRoutes] },
  { id: "S26", what: "CSV import route reads the body of someone without the import permission", file: F.csvImportRoute, find: '      assertCan(viewer, "detainee.import");\n      return "import";', replace: '      return "import";', tests: [T.csvStaging] },
  { id: "S26", what: "CSV import route reads up to the 20 MB upload cap instead of the import's 5 MB", file: F.csvImportRoute, find: "    cap: IMPORT_BODY_CAP,\n", replace: "", tests: [T.csvStaging] },
  { id: "S9", what: "Staged CSV import loadable and committable by another user", file: F.csvStaging, find: "where: { id: rawId, userId: viewer.id, expiresAt: { gt: now } }", replace: "where: { id: rawId, expiresAt: { gt: now } }", tests: [T.csvStaging] },
  { id: "S9", what: "Staged CSV import still loadable after the uploader left the team", file: F.csvStaging, find: "  if (teams && !teams.includes(row.teamId)) throw stagedNotFound();\n", replace: "", tests: [T.csvStaging] },
  { id: "S24", what: "Staged CSV import usable after it expired", file: F.csvStaging, find: "where: { id: rawId, userId: viewer.id, expiresAt: { gt: now } }", replace: "where: { id: rawId, userId: viewer.id }", tests: [T.csvStaging] },
  { id: "S24", what: "Committed staged CSV import kept (and committable again)", file: F.csvStaging, find: "      const { count } = await tx.importStaging.deleteMany({ where: { id: staged.id, userId: viewer.id } });", replace: "      const count = 1;", tests: [T.csvStaging] },
  { id: "S24", what: "Daily job leaves expired staged CSV imports (their personal data) in the database", file: F.dailyJobs, find: "  const expiredImports = await purgeExpiredImports(now);", replace: "  const expiredImports = 1;", tests: [T.csvStaging] },
  { id: "S18", what: "Staged CSV import stored in plain text", file: F.csvStaging, find: "const seal = (id: string, content: string) => encryptField(content, { table: \"ImportStaging\", id, field: \"contentEnc\" });\nconst unseal = (id: string, stored: string) => decryptField(stored, { table: \"ImportStaging\", id, field: \"contentEnc\" });", replace: "const seal = (_id: string, content: string) => content;\nconst unseal = (_id: string, stored: string) => stored;", tests: [T.csvStaging] },
  { id: "S26", what: "Proxy passes a declared body over 1 MB on (Next cuts it and answers 500, without a clear 413)", file: F.proxy, find: "  const tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;", replace: "  const tooLarge = Number.isFinite(declared) && declared < 0;", tests: [T.headers] },
  { id: "S26", what: "CSV import body not capped while it is read (buffered form)", file: F.uploadRoute, find: "    if (total > cap) {", replace: "    if (total > cap * 1000) {", tests: [T.csvStaging] },
  { id: "S26", what: "Upload streamed past the cap is not cut off (the file part is written and read to its end)", file: F.stagedUpload, find: "      if (sizeBytes > cap) return done(new FileTooLargeError());\n", replace: "", tests: [T.uploadRoutes] },
  { id: "S26", what: "A refused or failed streamed upload leaves its .part on disk", file: F.storage, find: "  await rm(partialFilePath(key), { force: true });", replace: "  void key;", tests: [T.uploadRoutes] },
  { id: "S26", what: "A .part left by a process that died mid-upload is never removed", file: F.storage, find: "    await rm(file, { force: true });\n    removed += 1;", replace: "    removed += 1;", tests: [T.storage] },
  { id: "S9", what: "Import preview names an archived case", file: F.csvImport, find: "f.archived ? null : f.caseNumber", replace: "f.caseNumber", tests: [T.csvStaging] },

  // S23 — one-time tokens
  { id: "S23", what: "Tokens reusable (usedAt not checked)", file: F.tokens, find: "where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },", replace: "where: { tokenHash, kind, expiresAt: { gt: now } },", tests: [T.tokens] },
  { id: "S23", what: "Expired tokens accepted", file: F.tokens, find: "where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },", replace: "where: { tokenHash, kind, usedAt: null },", tests: [T.tokens] },
  { id: "S23", what: "Tokens accepted for another purpose (kind not checked)", file: F.tokens, find: "where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },", replace: "where: { tokenHash, usedAt: null, expiresAt: { gt: now } },", tests: [T.tokens] },
  { id: "S23", what: "No cap on token lifetime", file: F.tokens, find: "if (!(input.ttlMs > 0 && input.ttlMs <= MAX_TOKEN_TTL_MS)) throw", replace: "if (!(input.ttlMs > 0)) throw", tests: [T.tokens] },
  { id: "S23", what: "Tokens of 64 bits instead of 256", file: F.tokens, find: "const TOKEN_BYTES = 32;", replace: "const TOKEN_BYTES = 8;", tests: [T.tokens] },

  { id: "S23", what: "Sign-in link checked but not used up (reusable)", file: F.signInLinks, find: "    const claimed = await consumeToken(tx, SIGN_IN_LINK_KIND, token, now);", replace: "    const claimed = await tx.oneTimeToken.findFirst({ where: { tokenHash: hashToken(token), kind: SIGN_IN_LINK_KIND, expiresAt: { gt: now } }, select: { id: true, kind: true, userId: true, payload: true } });", tests: [T.signInLinks] },
  { id: "S23", what: "A new sign-in link does not end the earlier one", file: F.signInLinks, find: "    const revoked = await revokeTokens(tx, SIGN_IN_LINK_KIND, userId, now);", replace: "    const revoked = 0;", tests: [T.signInLinks] },
  { id: "S23", what: "Setting a password with a link leaves the account's sessions alive", file: F.signInLinks, find: "    await endAllSessions(tx, user.id, now);", replace: "", tests: [T.signInLinks] },
  { id: "S23", what: "Sign-in links made without the administrator's fresh re-authentication", file: F.signInLinks, find: "  await requireRecentReauth(viewer, undefined, now);\n  const { userId } = userIdSchema.parse(input);", replace: "  const { userId } = userIdSchema.parse(input);", tests: [T.signInLinks] },
  { id: "S23", what: "Disabled accounts can use a sign-in link", file: F.signInLinks, find: "    if (!claimed || !user || user.disabledAt) throw", replace: "    if (!claimed || !user) throw", tests: [T.signInLinks] },

  // S19 — authorization failures and the administrators' reading of the log
  { id: "S19", what: "Refusals not written to the audit log", file: F.refusal, find: "    await prisma().$transaction((tx) => recordAudit(tx, viewer, {", replace: "    if (Math.random() > 2) await prisma().$transaction((tx) => recordAudit(tx, viewer, {", tests: [T.auditRefusals] },
  { id: "S19", what: "Any role reads the audit log", file: F.auditQueries, find: '  assertCan(viewer, "audit.read");', replace: "", tests: [T.auditRefusals] },
  // Issue 12: the keyed chain, checkpoints outside the database, the app's database role.
  { id: "S19", what: "Chain links are plain SHA-256, not keyed with HAVEN_AUDIT_KEY (anyone with the database can recompute them)", file: F.chain, find: 'return createHmac("sha256", key).update(prevHash)', replace: 'return createHash("sha256").update(prevHash)', tests: [T.chain, T.auditTamper] },
  { id: "S19", what: "Verifier accepts plain SHA-256 rows anywhere, not only up to the adopted legacy position", file: F.chain, find: "const legacy = row.seq <= (c.legacyUntilSeq ?? 0n);", replace: "const legacy = legacyAuditHash(row.prevHash, row) === row.hash || row.seq <= (c.legacyUntilSeq ?? 0n);", tests: [T.chain, T.auditTamper] },
  { id: "S19", what: "Verifier trusts a legacy adoption row without checking its key", file: F.verify, find: "if (adoption.prevHash === null || adoption.hash === null || auditHash(adoption.prevHash, adoption, key) !== adoption.hash) {", replace: "if (adoption.prevHash === null || adoption.hash === null) {", tests: [T.auditTamper] },
  { id: "S19", what: "Verifier ignores checkpoints beyond the last row (newest rows dropped)", file: F.verify, find: "  if (beyond) {", replace: "  if (beyond && false) {", tests: [T.auditTamper] },
  { id: "S19", what: "Verifier does not compare a row's hash with the checkpoint at its position", file: F.verify, find: "if (c.hash !== r.hash) return result(", replace: "if (false) return result(", tests: [T.auditTamper] },
  { id: "S19", what: "Checkpoint signatures not checked", file: F.checkpoint, find: 'if (!timingSafeEqual(expected, Buffer.from(c.sig, "hex"))) {', replace: "if (false) {", tests: [T.checkpoint, T.auditTamper] },
  { id: "S19", what: "A checkpoint is written without verifying the chain first (vouches for tampering)", file: F.auditMaintain, find: "  if (verification.broken) throw new AuditChainBrokenError(verification);\n  const checkpoint", replace: "  const checkpoint", tests: [T.auditTamper] },
  { id: "S19", what: "Checkpoint file truncated instead of appended to", file: F.checkpoint, find: "constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT", replace: "constants.O_WRONLY | constants.O_TRUNC | constants.O_CREAT", tests: [T.checkpoint] },
  { id: "S19", what: "A checkpoint file others can read is left so", file: F.checkpoint, find: "    if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, 0o600); // (a file someone created more open)\n", replace: "", tests: [T.checkpoint] },
  { id: "S19", what: "Production starts without HAVEN_AUDIT_KEY", file: F.secrets, find: '  if (!env.HAVEN_AUDIT_KEY) missing.push("HAVEN_AUDIT_KEY");\n', replace: "", tests: [T.secrets] },
  { id: "S19", what: "The app's database role may change any audit column, delete and truncate", file: F.dbRoles, find: 'await run("GRANT SELECT, INSERT ON public.%I TO %I", [AUDIT_TABLE, o.app]);', replace: 'await run("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON public.%I TO %I", [AUDIT_TABLE, o.app]);', tests: [T.auditRoles], postgresql: true },
  { id: "S19", what: "Ownership not moved to the owner role (tables stay with whoever migrated them, e.g. a superuser)", file: F.dbRoles, find: "      if (x.owner === o.owner) continue;", replace: "      continue;", tests: [T.auditRoles], postgresql: true },
  { id: "S13", what: "Audit log person filter not LIKE-escaped", file: F.auditQueries, find: "contains: escapeLike(filters.actor)", replace: "contains: filters.actor", tests: [T.auditRefusals] },

  // S24 — retention purge
  { id: "S24", what: "Case row anonymised instead of deleted (search text and child rows stay)", file: F.purge, find: "  await tx.detainee.delete({ where: { id: d.id } }); // cascades to every child row", replace: "  await tx.detainee.update({ where: { id: d.id }, data: { familyNameRoman: null, givenNameRoman: null, nameHangul: null, nameChinese: null, aliases: [], familyContactsEnc: null, narrative: null } });", tests: [T.purge] },
  { id: "S24", what: "Attachment and export files left on disk", file: F.purge, find: "    for (const key of result.fileKeys) {\n      await removeStoredFile(key).catch(() => {\n        report.fileErrors += 1;\n      });\n    }\n", replace: "", tests: [T.purge] },
  { id: "S24", what: "Notifications naming the case kept", file: F.purge, find: "const notifications = await tx.$executeRaw`DELETE FROM \"Notification\" WHERE \"href\" LIKE ${like} OR \"dedupeKey\" LIKE ${like} OR COALESCE(\"params\"::text, '') LIKE ${like}`;", replace: "const notifications = 0;", tests: [T.purge] },
  { id: "S24", what: "Shared petitions keep the purged person's name", file: F.purgePetitions, find: "data: { title: redactText(petition.title, forms), content: redactJson(petition.content, forms) as Prisma.InputJsonValue, version: { increment: 1 } },", replace: "data: { version: { increment: 1 } },", tests: [T.purge] },
  { id: "S24", what: "Purge audit entry names the case number", file: F.purge, find: "caseRef: pseudonym(salt, d.caseNumber),", replace: "caseRef: d.caseNumber,", tests: [T.purge] },

  // S25 — dependency floors
  { id: "S25", what: "next below its security floor in package-lock.json", file: "package-lock.json", find: '    "node_modules/next": {\n      "version": "16.4.6",', replace: '    "node_modules/next": {\n      "version": "16.0.9",', tests: [T.floors] },
  // S9 — the custody scope column (issue 11): appended so earlier entries keep their numbers
  { id: "S9", what: "custodyScopeWhere drops the team scope (facility page, facilities list, dashboard count of our clients)", file: "lib/domain/detainee/scope.ts", find: "  return { scopeTeamId: { in: viewer.teamIds } };", replace: "  return { scopeTeamId: { not: null } };", tests: ["tests/db/custody-scope.test.ts"] },
  { id: "S9", what: "A new custody period keeps whatever scopeTeamId was written instead of its case's team", file: "prisma/migrations/20261203162409_custody_scope_team/migration.sql", find: "  NEW.\"scopeTeamId\" := (SELECT CASE WHEN d.\"archivedAt\" IS NULL THEN d.\"teamId\" END FROM \"Detainee\" d WHERE d.id = NEW.\"detaineeId\");", replace: "  NEW.\"scopeTeamId\" := NEW.\"scopeTeamId\";", tests: ["tests/db/custody-scope.test.ts"] },
  { id: "S9", what: "A case moved to another team or archived leaves its custody periods in the old scope", file: "prisma/migrations/20261203162409_custody_scope_team/migration.sql", find: "  UPDATE \"CustodyPeriod\" SET \"scopeTeamId\" = CASE WHEN NEW.\"archivedAt\" IS NULL THEN NEW.\"teamId\" END\n  WHERE \"detaineeId\" = NEW.id;", replace: "  PERFORM 1;", tests: ["tests/db/custody-scope.test.ts"] },
  // S2 — TOTP enrolment confirmation reserves its attempt like every code (appended: numbers stay)
  { id: "S2", what: "Enrolment confirmation checks a code without the atomic reservation's verdict", file: F.enrolment, find: '  if (!verdict.allowed) throw new AppError("FORBIDDEN", "tooManyAttempts");\n  const secret = secretOf(token);', replace: "  const secret = secretOf(token);", tests: [T.totp], testName: "parallel wrong confirmation codes" },
];

// ---------------------------------------------------------------------------------------------

type Outcome = "killed" | "SURVIVED" | "STALE" | "INVALID" | "BASELINE FAILED";
type Result = { key: string; mutation: Mutation; outcome: Outcome; seconds: number; detail: string };
type RunReport = { code: number | null; timedOut: boolean; failedTests: string[]; passed: number; files: string[]; log: string };

const ROOT = process.cwd();
const WORK = path.join(ROOT, "tmp", "security-mutations");
const JOURNAL = path.join(WORK, "restore.json");
const REPORT = path.join(ROOT, "docs", "security-mutations.md");
const VITEST = path.join(ROOT, "node_modules", ".bin", "vitest");
const RUN_TIMEOUT_MS = 5 * 60_000;

/** The file currently mutated, so every way out of this process can put it back. */
let applied: { file: string; original: string; mutated: string } | null = null;
let child: ChildProcess | null = null;

function restore(): void {
  if (!applied) return;
  writeFileSync(applied.file, applied.original);
  applied = null;
  rmSync(JOURNAL, { force: true });
}

function apply(file: string, original: string, mutated: string): void {
  // Journal first: should this process be killed outright, the next run restores the file.
  writeFileSync(JOURNAL, JSON.stringify({ file, original, mutated }));
  applied = { file, original, mutated };
  writeFileSync(file, mutated);
}

/** A file left mutated by a run that was killed (SIGKILL, power loss) is restored before anything else. */
function recoverFromJournal(): void {
  if (!existsSync(JOURNAL)) return;
  const j = JSON.parse(readFileSync(JOURNAL, "utf8")) as { file: string; original: string; mutated: string };
  const current = existsSync(j.file) ? readFileSync(j.file, "utf8") : null;
  if (current === j.mutated) {
    writeFileSync(j.file, j.original);
    console.log(`restored ${path.relative(ROOT, j.file)}, left mutated by an interrupted run`);
  } else if (current !== j.original) {
    throw new Error(`${JOURNAL} names ${j.file}, which has changed since: check it by hand, then delete the journal`);
  }
  rmSync(JOURNAL);
}

function stopChild(): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopChild();
    restore();
    console.error(`\n${signal}: stopped; every file is back as it was`);
    process.exit(130);
  });
}
process.on("exit", () => {
  stopChild();
  restore();
});

function occurrences(text: string, find: string): number {
  return find ? text.split(find).length - 1 : 0;
}

/** A mutation must leave code that still parses; otherwise the tests "fail" for the wrong reason. */
function syntaxProblem(file: string, text: string): string | null {
  if (file.endsWith(".json")) {
    try {
      JSON.parse(text);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : "invalid JSON";
    }
  }
  if (!/\.(ts|tsx|mts|js|mjs)$/.test(file)) return null;
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve } });
  const first = out.diagnostics?.[0];
  return first ? ts.flattenDiagnosticMessageText(first.messageText, " ") : null;
}

type JsonReport = {
  numPassedTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
};

/** One Vitest run on PGlite (or PostgreSQL for `postgresql` entries): its own process group (so it can be stopped with its workers). */
function runVitest(tests: string[], testName: string | undefined, label: string, bail: boolean, postgresql = false): Promise<RunReport> {
  const json = path.join(WORK, `${label}.json`);
  const log = path.join(WORK, `${label}.log`);
  rmSync(json, { force: true });
  const args = ["run", "--reporter=dot", "--reporter=json", `--outputFile.json=${json}`, ...(bail ? ["--bail=1"] : []), ...tests, ...(testName ? ["-t", testName] : [])];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", NEXT_TELEMETRY_DISABLED: "1" };
  if (!postgresql) delete env.TEST_DATABASE_URL;
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const output: Buffer[] = [];
    const c = spawn(VITEST, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child = c;
    c.stdout.on("data", (b: Buffer) => output.push(b));
    c.stderr.on("data", (b: Buffer) => output.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopChild();
    }, RUN_TIMEOUT_MS);
    c.on("error", reject);
    c.on("close", (code) => {
      clearTimeout(timer);
      child = null;
      writeFileSync(log, Buffer.concat(output));
      const report = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as JsonReport) : null;
      const failedTests = report?.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed").map((a) => a.fullName)) ?? [];
      resolve({
        code, timedOut, failedTests, log: path.relative(ROOT, log),
        passed: report?.numPassedTests ?? 0,
        files: report?.testResults.map((f) => path.relative(ROOT, f.name)) ?? [],
      });
    });
  });
}

function parseArgs(argv: string[]): { only: string[] | null; list: boolean; update: boolean } {
  const onlyArg = argv.find((a) => a.startsWith("--only"));
  const onlyValue = onlyArg === "--only" ? argv[argv.indexOf(onlyArg) + 1] : onlyArg?.slice("--only=".length);
  if (onlyArg && !onlyValue) throw new Error("--only needs a list, e.g. --only S2,S5.3");
  const update = argv.includes("--update-report");
  if (update && !onlyValue) throw new Error("--update-report goes with --only (a full run rewrites the report anyway)");
  return { only: onlyValue ? onlyValue.split(",").map((s) => s.trim()).filter(Boolean) : null, list: argv.includes("--list"), update };
}

/** S2 → S2.1, S2.2…: a stable key per entry, in list order. */
function keyed(mutations: Mutation[]): { key: string; mutation: Mutation }[] {
  const seen = new Map<string, number>();
  return mutations.map((mutation) => {
    const n = (seen.get(mutation.id) ?? 0) + 1;
    seen.set(mutation.id, n);
    return { key: `${mutation.id}.${n}`, mutation };
  });
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${s}\``;

function reportRow(r: Result): string {
  return `| ${[
    r.key, cell(r.mutation.what), code(r.mutation.file),
    r.mutation.tests.map(code).join("<br>") + (r.mutation.testName ? `<br>-t ${code(r.mutation.testName)}` : ""),
    r.outcome === "killed" ? "killed" : `**${r.outcome}**`, cell(r.detail), String(Math.round(r.seconds)),
  ].join(" | ")} |`;
}

/** "S9.12" → [9, 12]: the report's row order. */
const order = (key: string) => key.slice(1).split(".").map(Number) as [number, number];
const byKey = (a: string, b: string) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1];

/**
 * `--only … --update-report`: the rows of the entries just run replace theirs in the report (new
 * entries are added in order), and a line under the last full run says what was re-run, when,
 * and what the table holds now — for entries whose pinned code changed since the full run.
 */
function updateReport(existing: string, results: Result[], started: Date): string {
  const lines = existing.split("\n");
  const rowKey = (line: string) => /^\| (S\d+\.\d+) \|/.exec(line)?.[1] ?? null;
  const rows = new Map<string, string>();
  for (const line of lines) {
    const key = rowKey(line);
    if (key) rows.set(key, line);
  }
  for (const r of results) rows.set(r.key, reportRow(r));
  const first = lines.findIndex((l) => rowKey(l) !== null);
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => rowKey(l) !== null);
  if (first < 0) throw new Error("the report has no table to update; run the full check first");
  const table = [...rows.keys()].sort(byKey).map((k) => rows.get(k)!);
  const killed = table.filter((l) => l.includes(" | killed | ")).length;
  const note = `Updated ${started.toISOString().replace(/\.\d+Z$/, "Z")}: ${results.map((r) => r.key).join(", ")} re-run (\`--only … --update-report\`) ` +
    `after the code they pin changed: ${results.filter((r) => r.outcome === "killed").length} of ${results.length} killed. The table now holds ${table.length} entries: ` +
    `${killed} killed, ${table.length - killed} not.`;
  const head = lines.slice(0, first);
  // After the last full run's line and any earlier updates: the history of partial re-runs stays.
  const after = head.reduce((at, l, i) => (l.startsWith("Last run: ") || l.startsWith("Updated ") ? i : at), -1);
  head.splice(after + 1, 0, note);
  return [...head, ...table, ...lines.slice(last + 1)].join("\n");
}

function markdown(results: Result[], started: Date, seconds: number): string {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const lines = [
    "# Security mutation check",
    "",
    "Each row removes one protection of `../shared/docs/SECURITY.md` (mapped to code and tests in",
    "[security.md](security.md)) with the smallest edit that does it, runs the tests that guard it and",
    "expects them to fail (**killed**). **SURVIVED** means the suite has a gap; **STALE** means the",
    "code changed and the entry in `scripts/security-mutations.ts` must follow. The file is always put back.",
    "",
    "Run it (Vitest on in-memory PGlite, one test set at a time):",
    "",
    "```sh",
    "node_modules/.bin/tsx scripts/security-mutations.ts              # all entries; rewrites this file",
    "node_modules/.bin/tsx scripts/security-mutations.ts --only S2,S5.3  # a subset; prints only",
    "node_modules/.bin/tsx scripts/security-mutations.ts --only S22 --update-report  # a subset; its rows replaced here",
    "```",
    "",
    `Last run: ${started.toISOString().replace(/\.\d+Z$/, "Z")}, ${results.length} mutations in ${Math.round(seconds)} s — ` +
      `${count("killed")} killed, ${count("SURVIVED")} survived, ${count("STALE")} stale` +
      (count("INVALID") + count("BASELINE FAILED") > 0 ? `, ${count("INVALID")} invalid, ${count("BASELINE FAILED")} with a failing baseline` : "") + ".",
    "Requirements checked only end to end (S8 route matrix, S26 login flood) are not listed: Playwright runs are",
    "too slow to repeat per mutation. Seconds include the unmutated (baseline) run of a test set the first time it is used.",
    "",
    "| ID | Protection removed | File | Tests | Result | Detail (first failing tests) | s |",
    "|---|---|---|---|---|---|---|",
    ...results.map(reportRow),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { only, list, update } = parseArgs(process.argv.slice(2));
  mkdirSync(WORK, { recursive: true });
  recoverFromJournal();
  const all = keyed(MUTATIONS);
  const chosen = only ? all.filter(({ key, mutation }) => only.includes(key) || only.includes(mutation.id)) : all;
  if (chosen.length === 0) throw new Error(`--only ${only?.join(",")} matches no mutation`);

  if (list) {
    let stale = 0;
    for (const { key, mutation } of chosen) {
      const file = path.join(ROOT, mutation.file);
      const n = existsSync(file) ? occurrences(readFileSync(file, "utf8"), mutation.find) : 0;
      if (n !== 1) stale += 1;
      console.log(`${key.padEnd(7)} ${n === 1 ? "ok   " : "STALE"} ${mutation.file}: ${mutation.what}`);
    }
    return stale ? 1 : 0;
  }

  const started = new Date();
  const baselines = new Map<string, { ok: boolean; detail: string }>();
  const results: Result[] = [];
  for (const { key, mutation } of chosen) {
    const t0 = Date.now();
    const done = (outcome: Outcome, detail: string) => {
      const r: Result = { key, mutation, outcome, seconds: (Date.now() - t0) / 1000, detail };
      results.push(r);
      console.log(`${key.padEnd(7)} ${outcome.padEnd(15)} ${r.seconds.toFixed(0).padStart(4)} s  ${mutation.what}${detail ? ` — ${detail}` : ""}`);
    };
    const file = path.join(ROOT, mutation.file);
    const original = existsSync(file) ? readFileSync(file, "utf8") : "";
    const n = occurrences(original, mutation.find);
    if (n !== 1) {
      done("STALE", `find text occurs ${n} times in ${mutation.file}`);
      continue;
    }
    const mutated = original.replace(mutation.find, () => mutation.replace);
    const problem = syntaxProblem(mutation.file, mutated);
    if (problem) {
      done("INVALID", `the mutated file does not parse: ${problem}`);
      continue;
    }

    if (mutation.postgresql && !process.env.TEST_DATABASE_URL) {
      done("BASELINE FAILED", "PostgreSQL only: set TEST_DATABASE_URL to check this entry");
      continue;
    }
    // The tests must pass unmutated, or a failure under the mutation proves nothing.
    const setKey = JSON.stringify([mutation.tests, mutation.testName ?? null, mutation.postgresql ?? false]);
    let baseline = baselines.get(setKey);
    if (!baseline) {
      const label = `baseline-${baselines.size + 1}`;
      const r = await runVitest(mutation.tests, mutation.testName, label, false, mutation.postgresql);
      const missing = mutation.tests.filter((t) => !r.files.includes(t));
      baseline = r.code === 0 && r.passed > 0 && missing.length === 0
        ? { ok: true, detail: "" }
        : { ok: false, detail: `unmutated run: exit ${r.code}${r.timedOut ? " (timeout)" : ""}, ${r.passed} passed${missing.length ? `, not run: ${missing.join(", ")}` : ""}; see ${r.log}` };
      baselines.set(setKey, baseline);
      console.log(`        baseline ${mutation.tests.join(" ")}${mutation.testName ? ` -t "${mutation.testName}"` : ""}: ${baseline.ok ? "passes" : baseline.detail}`);
    }
    if (!baseline.ok) {
      done("BASELINE FAILED", baseline.detail);
      continue;
    }

    let r: RunReport;
    try {
      apply(file, original, mutated);
      r = await runVitest(mutation.tests, mutation.testName, key, true, mutation.postgresql);
    } finally {
      restore();
    }
    if (r.code === 0) done("SURVIVED", `${r.passed} tests passed; see ${r.log}`);
    else if (r.timedOut) done("killed", "timed out");
    else if (r.failedTests.length > 0) done("killed", r.failedTests.slice(0, 2).join("; ") + (r.failedTests.length > 2 ? ` (+${r.failedTests.length - 2})` : ""));
    else done("killed", `the test files failed to load or set up; see ${r.log}`);
  }

  const seconds = (Date.now() - started.getTime()) / 1000;
  const bad = results.filter((r) => r.outcome !== "killed");
  console.log(`\n${results.length} mutations in ${Math.round(seconds)} s: ${results.length - bad.length} killed, ${bad.length} not`);
  for (const r of bad) console.log(`  ${r.key} ${r.outcome}: ${r.mutation.what} (${r.mutation.file})`);
  if (only && update) {
    writeFileSync(REPORT, updateReport(readFileSync(REPORT, "utf8"), results, started));
    console.log(`updated ${path.relative(ROOT, REPORT)}: ${results.length} rows`);
  } else if (only) console.log(`(--only: ${path.relative(ROOT, REPORT)} left as it was)`);
  else {
    writeFileSync(REPORT, markdown(results, started, seconds));
    console.log(`wrote ${path.relative(ROOT, REPORT)}`);
  }
  return bad.length > 0 ? 1 : 0;
}

main().then(
  (status) => process.exit(status),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
