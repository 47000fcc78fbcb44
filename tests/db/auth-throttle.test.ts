// Sign-in throttling (S2) and no account enumeration (S3), on both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { authorizeCredentials, SignInThrottled } from "@/lib/auth/credentials";
import { closeIdleBursts, delayAfter, pruneLoginAttempts, THROTTLE } from "@/lib/auth/throttle";
import { createUser } from "@/lib/domain/user/mutations";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

// Counts argon2 verifications (S3: a refusal must cost the same whatever the reason); passes
// every call through unchanged.
const argon2 = vi.hoisted(() => ({ verifications: 0, hashes: [] as string[], skipReal: null as RegExp | null }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2.verifications += 1;
      argon2.hashes.push(String(args[0]));
      // Big floods: wrong guesses matching skipReal are counted but not computed (the verdict, false, is the same).
      if (argon2.skipReal?.test(String(args[1]))) return Promise.resolve(false);
      return actual.verify(...args);
    },
  };
});

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const PASSWORD = "correct horse battery staple";
let n = 0;
const t0 = new Date("2026-11-28T10:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

async function newAccount() {
  const email = `throttle.${++n}.${Date.now()}@test.example`;
  await createUser(system, { email, displayName: `Throttle ${n}`, role: "CASEWORKER", password: PASSWORD, teamIds: [] });
  return email;
}
/** null: refused (unknown, wrong, disabled); "throttled": refused before checking, with a retry time. */
const attempt = async (email: string, password: string, ip: string, now = t0) => {
  try {
    return await authorizeCredentials({ email, password }, { ip, userAgent: "vitest", now });
  } catch (e) {
    if (e instanceof SignInThrottled) return "throttled" as const;
    throw e;
  }
};
const retryAtOf = async (email: string, password: string, ip: string, now = t0) => {
  try {
    await authorizeCredentials({ email, password }, { ip, userAgent: "vitest", now });
  } catch (e) {
    if (e instanceof SignInThrottled) return e.retryAt;
    throw e;
  }
  return null;
};
/** How many times argon2 checked a password against this account's real hash. */
async function realChecks(email: string, run: () => Promise<unknown>): Promise<number> {
  const { passwordHash } = await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
  const from = argon2.hashes.length;
  await run();
  return argon2.hashes.slice(from).filter((h) => h === passwordHash).length;
}

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

describe("per-account throttling", () => {
  it("after 10 failures the account waits: even the right password is refused until the delay ends; other accounts are fine", async () => {
    const victim = await newAccount();
    const bystander = await newAccount();
    for (let i = 0; i < THROTTLE.accountFailures; i++) expect(await attempt(victim, `wrong ${i}`, `10.1.0.${i}`)).toBeNull();
    expect(await attempt(victim, PASSWORD, "10.1.1.1", later(1000))).toBe("throttled");
    expect(await attempt(bystander, PASSWORD, "10.1.1.1", later(1000))).not.toBeNull();
    // The first delay: 30 s after the latest counted failure, then the right password gets in.
    expect(await retryAtOf(victim, PASSWORD, "10.1.1.1", later(1000))).toEqual(later(THROTTLE.delayBaseMs));
    expect(await attempt(victim, PASSWORD, "10.1.1.1", later(THROTTLE.delayBaseMs))).toMatchObject({ sid: expect.any(String) });
    const audit = await db.prisma.auditLog.findMany({ where: { action: "auth.login.failure" }, select: { meta: true } });
    expect(audit.some((a) => (a.meta as { reason?: string })?.reason === "throttled")).toBe(true);
    expect(audit.some((a) => (a.meta as { reason?: string })?.reason === "wrong-password")).toBe(true);
  });

  it("does not lock below the limit, and a successful sign-in clears the count", async () => {
    const email = await newAccount();
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await attempt(email, "wrong", "10.2.0.1");
    expect(await attempt(email, PASSWORD, "10.2.0.1", later(1000))).not.toBeNull();
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await attempt(email, "wrong", "10.2.0.1", later(2000));
    expect(await attempt(email, PASSWORD, "10.2.0.1", later(3000))).not.toBeNull();
  });
});

describe("per-address throttling", () => {
  it("locks an address after 50 failures spread over many accounts; other addresses are fine", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.ipFailures; i++) await attempt(`nobody.${i}@test.example`, "guess", ip);
    const email = await newAccount();
    expect(await attempt(email, PASSWORD, ip, later(1000))).toBe("throttled");
    expect(await attempt(email, PASSWORD, "192.0.2.78", later(1000))).not.toBeNull();
    // The address opens again when its oldest counted failure leaves the window.
    expect(await attempt(email, PASSWORD, ip, later(THROTTLE.windowMs + 1))).not.toBeNull();
  });
});

describe("stored attempts", () => {
  it("hold no email or address, and old rows are pruned", async () => {
    const email = await newAccount();
    await attempt(email, "wrong", "198.51.100.9");
    const keys = (await db.prisma.loginAttempt.findMany({ select: { key: true } })).map((r) => r.key).join(" ");
    expect(keys).not.toContain(email);
    expect(keys).not.toContain("198.51.100.9");
    await db.prisma.loginAttempt.create({ data: { key: "acct:old", success: false, at: later(-THROTTLE.retentionMs - 1000) } });
    expect(await pruneLoginAttempts(db.prisma, t0)).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.loginAttempt.count({ where: { key: "acct:old" } })).toBe(0);
  });
});

describe("no account enumeration (S3)", () => {
  it("every refusal costs exactly one argon2 verification: unknown email, wrong password, disabled account, throttled", async () => {
    const cost = async (email: string, password: string, ip: string) => {
      const before = argon2.verifications;
      expect([null, "throttled"]).toContain(await attempt(email, password, ip));
      return argon2.verifications - before;
    };
    const email = await newAccount();
    const disabled = await newAccount();
    await db.prisma.user.update({ where: { email: disabled }, data: { disabledAt: t0 } });
    const locked = await newAccount();
    for (let i = 0; i < THROTTLE.accountFailures; i++) await attempt(locked, "wrong", "203.0.113.30");
    expect(await cost("nobody.here@test.example", "not it", "203.0.113.31")).toBe(1);
    expect(await cost(email, "not it", "203.0.113.32")).toBe(1);
    expect(await cost(disabled, PASSWORD, "203.0.113.33")).toBe(1);
    expect(await attempt(locked, PASSWORD, "203.0.113.34")).toBe("throttled");
    expect(await cost(locked, PASSWORD, "203.0.113.34")).toBe(1);
  });

  it("unknown email and wrong password give the same answer in comparable time", async () => {
    const email = await newAccount();
    await attempt("warm.up@test.example", "x", "203.0.113.1"); // builds the dummy hash once
    const timings = { unknown: [] as number[], wrong: [] as number[] };
    for (let i = 0; i < 7; i++) {
      let start = performance.now();
      expect(await attempt(`ghost.${i}@test.example`, "not it", "203.0.113.2")).toBeNull();
      timings.unknown.push(performance.now() - start);
      start = performance.now();
      expect(await attempt(email, "not it", "203.0.113.3")).toBeNull();
      timings.wrong.push(performance.now() - start);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(timings.unknown) / median(timings.wrong);
    // A regression guard (a skipped argon2 run is ~10x faster), not a benchmark.
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});

describe("attempts reserved atomically (S2, issue 12)", () => {
  it("60 parallel wrong passwords for one account: at most the limit are checked, every refusal costs one argon2 run", async () => {
    const email = await newAccount();
    const before = argon2.verifications;
    let results: unknown[] = [];
    const checked = await realChecks(email, async () => {
      results = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(email, `wrong ${i}`, `10.60.${i >> 8}.${i & 255}`)));
    });
    expect(checked).toBeLessThanOrEqual(THROTTLE.accountFailures);
    expect(checked).toBeGreaterThan(0); // positive control: the real path does check the hash
    expect(results.filter((r) => r === null)).toHaveLength(checked);
    expect(results.filter((r) => r === "throttled")).toHaveLength(60 - checked);
    expect(argon2.verifications - before).toBe(60);
  });

  it("60 parallel wrong passwords from one address (many accounts): at most the address limit are checked", async () => {
    const ip = "10.61.0.1";
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`parallel.${i}@test.example`, "guess", ip)));
    expect(results.filter((r) => r === null).length).toBeLessThanOrEqual(THROTTLE.ipFailures);
    expect(results.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(60 - THROTTLE.ipFailures);
  });
});

describe("progressive delay, not a lock-out (S2, issue 12)", () => {
  it("the delay doubles with each further failure and is capped", () => {
    const free = THROTTLE.accountFailures;
    expect(delayAfter(free - 1, free)).toBe(0);
    expect(delayAfter(free, free)).toBe(THROTTLE.delayBaseMs);
    expect(delayAfter(free + 1, free)).toBe(2 * THROTTLE.delayBaseMs);
    expect(delayAfter(free + 100, free)).toBe(THROTTLE.delayCapMs);
    expect(THROTTLE.delayCapMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it("each attempt made when allowed and failing doubles the wait, up to the cap", async () => {
    const email = await newAccount();
    for (let i = 0; i < THROTTLE.accountFailures; i++) await attempt(email, "wrong", `10.3.0.${i}`);
    let now = t0;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const retryAt = (await retryAtOf(email, "wrong", "10.3.1.1", now))!;
      expect(retryAt).not.toBeNull();
      waits.push(retryAt.getTime() - now.getTime());
      // Early attempts are refused and not counted: the wait does not move.
      expect(await retryAtOf(email, "wrong", "10.3.1.2", new Date(retryAt.getTime() - 1))).toEqual(retryAt);
      now = retryAt;
      expect(await attempt(email, "wrong", "10.3.1.3", now)).toBeNull();
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });

  it("a stranger's 1,000 failures from other addresses do not stop the owner at a known address; elsewhere the wait is bounded", async () => {
    const email = await newAccount();
    const home = "198.51.100.10";
    expect(await attempt(email, PASSWORD, home, later(-60_000))).not.toBeNull(); // makes the address known
    let counted = 0;
    argon2.skipReal = /^guess /;
    for (let batch = 0; batch < 20; batch++) {
      const now = later(batch * 60_000);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(email, `guess ${batch}.${i}`, `203.0.${batch}.${i + 1}`, now)));
      counted += results.filter((r) => r === null).length;
    }
    argon2.skipReal = null;
    const end = later(19 * 60_000);
    expect(counted).toBeGreaterThanOrEqual(THROTTLE.accountFailures); // the stranger did reach the delay
    // A fresh address waits: bounded by the cap after the stranger's latest counted failure.
    const retryAt = (await retryAtOf(email, PASSWORD, "192.0.2.200", end))!;
    expect(retryAt.getTime() - end.getTime()).toBeLessThanOrEqual(THROTTLE.delayCapMs);
    // The owner at home is not delayed by the stranger at all.
    expect(await attempt(email, PASSWORD, home, end)).toMatchObject({ sid: expect.any(String) });
    // ...and from elsewhere gets in once the (bounded) delay ends, if the stranger stops.
    expect(await attempt(email, PASSWORD, "192.0.2.200", retryAt)).toMatchObject({ sid: expect.any(String) });
  }, 300_000);

  it("a known address is not exempt from its own failures", async () => {
    const email = await newAccount();
    const home = "198.51.100.20";
    expect(await attempt(email, PASSWORD, home)).not.toBeNull();
    for (let i = 0; i < THROTTLE.accountFailures; i++) expect(await attempt(email, "typo", home, later(1000))).toBeNull();
    expect(await attempt(email, PASSWORD, home, later(2000))).toBe("throttled");
  });

  it("an unknown email is throttled identically: same answers, same retry time, same cost (S3)", async () => {
    const real = await newAccount();
    const ghost = `ghost.${Date.now()}@test.example`;
    const trace = async (email: string, i: number) => {
      const out: unknown[] = [];
      const before = argon2.verifications;
      for (let k = 0; k < THROTTLE.accountFailures + 2; k++) out.push(await attempt(email, "wrong", `10.4.${i}.${k}`, later(k)));
      out.push((await retryAtOf(email, "wrong", `10.4.${i}.99`, later(100)))?.toISOString());
      return { out, cost: argon2.verifications - before };
    };
    expect(await trace(ghost, 1)).toEqual(await trace(real, 2));
  });
});

describe("throttled attempts are audited once per burst (issue 12)", () => {
  it("200 throttled attempts write one row; the next allowed attempt writes one summary with the count", async () => {
    const email = await newAccount();
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await attempt(email, "wrong", `10.5.0.${i}`);
    const rows = () => db.prisma.auditLog.findMany({ where: { entityId: id }, select: { action: true, meta: true } });
    const before = (await rows()).length;
    argon2.skipReal = /^wrong$/;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(email, "wrong", `10.5.${1 + (i >> 8)}.${i & 255}`, later(1000))));
    argon2.skipReal = null;
    expect(results.every((r) => r === "throttled")).toBe(true);
    const during = (await rows()).slice(before);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ action: "auth.login.failure", meta: { reason: "throttled", burst: "start" } });
    expect(await attempt(email, PASSWORD, "10.5.9.9", later(THROTTLE.delayBaseMs))).not.toBeNull();
    const summary = (await rows()).filter((r) => r.action === "auth.throttle.burst");
    expect(summary).toHaveLength(1);
    expect(summary[0]!.meta).toMatchObject({ purpose: "login", scope: "account", attempts: 200, closedBy: "attempt" });
  });

  it("the daily job closes a burst that went idle", async () => {
    const email = await newAccount();
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await attempt(email, "wrong", `10.6.0.${i}`);
    for (let i = 0; i < 5; i++) expect(await attempt(email, "wrong", "10.6.1.1", later(1000 + i))).toBe("throttled");
    expect(await closeIdleBursts(db.prisma, later(1000))).toBe(0);
    expect(await closeIdleBursts(db.prisma, later(1000 + THROTTLE.burstIdleMs + 10))).toBeGreaterThanOrEqual(1);
    const summary = await db.prisma.auditLog.findMany({ where: { entityId: id, action: "auth.throttle.burst" }, select: { meta: true } });
    expect(summary.map((r) => r.meta)).toEqual([expect.objectContaining({ attempts: 5, closedBy: "daily-job" })]);
  });
});
