// Sign-in throttling (S2) and no account enumeration (S3), on both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { pruneLoginAttempts, THROTTLE } from "@/lib/auth/throttle";
import { createUser } from "@/lib/domain/user/mutations";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

// Counts argon2 verifications (S3: a refusal must cost the same whatever the reason); passes
// every call through unchanged.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2.verifications += 1;
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
const attempt = (email: string, password: string, ip: string, now = t0) => authorizeCredentials({ email, password }, { ip, userAgent: "vitest", now });

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

describe("per-account throttling", () => {
  it("locks an account after 10 failures: even the right password is refused; other accounts are fine", async () => {
    const victim = await newAccount();
    const bystander = await newAccount();
    for (let i = 0; i < THROTTLE.accountFailures; i++) expect(await attempt(victim, `wrong ${i}`, `10.1.0.${i}`)).toBeNull();
    expect(await attempt(victim, PASSWORD, "10.1.1.1", later(1000))).toBeNull();
    expect(await attempt(bystander, PASSWORD, "10.1.1.1", later(1000))).not.toBeNull();
    // The window slides: 15 minutes after the last counted failure the account opens again.
    expect(await attempt(victim, PASSWORD, "10.1.1.1", later(THROTTLE.windowMs + 1000))).not.toBeNull();
    const audit = await db.prisma.auditLog.findMany({ where: { action: "auth.login.failure" }, select: { meta: true } });
    expect(audit.some((a) => (a.meta as { reason?: string })?.reason === "throttled")).toBe(true);
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
    expect(await attempt(email, PASSWORD, ip, later(1000))).toBeNull();
    expect(await attempt(email, PASSWORD, "192.0.2.78", later(1000))).not.toBeNull();
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
      expect(await attempt(email, password, ip)).toBeNull();
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
