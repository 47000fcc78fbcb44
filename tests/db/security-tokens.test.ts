// S23 on both engines: tokens are long and random, only their hash is stored, and they work
// once, before expiry, for their own kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { consumeToken, deleteStaleTokens, hashToken, issueToken, MAX_TOKEN_TTL_MS, revokeTokens } from "@/lib/security/tokens";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let userId: string;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  userId = (await makeViewer("LAWYER", [await makeTeam()])).id;
});
afterAll(async () => db?.close());

describe("one-time tokens", () => {
  it("are 256 random bits, stored only as their SHA-256", async () => {
    const issued = await Promise.all(Array.from({ length: 50 }, () => issueToken(db.prisma, { kind: "invite", ttlMs: HOUR, userId })));
    expect(new Set(issued.map((t) => t.token)).size).toBe(50);
    for (const t of issued) expect(Buffer.from(t.token, "base64url")).toHaveLength(32);
    const row = await db.prisma.oneTimeToken.findUniqueOrThrow({ where: { id: issued[0]!.id } });
    expect(row.tokenHash).toBe(hashToken(issued[0]!.token));
    const raw = await db.runner.query<{ t: string }>(`SELECT row_to_json(o)::text AS t FROM "OneTimeToken" o`);
    for (const t of issued) expect(raw.map((r) => r.t).join("\n")).not.toContain(t.token);
  });

  it("work once: the second use is refused", async () => {
    const { token } = await issueToken(db.prisma, { kind: "password-reset", ttlMs: HOUR, userId, payload: { reason: "admin" } });
    const first = await consumeToken(db.prisma, "password-reset", token);
    expect(first).toMatchObject({ kind: "password-reset", userId, payload: { reason: "admin" } });
    expect(await consumeToken(db.prisma, "password-reset", token)).toBeNull();
  });

  it("only one of several simultaneous uses succeeds", async () => {
    const { token } = await issueToken(db.prisma, { kind: "export", ttlMs: HOUR });
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeToken(db.prisma, "export", token)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("expire: refused after expiresAt, even if never used", async () => {
    const issuedAt = new Date("2026-11-01T10:00:00Z");
    const { token } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR, now: issuedAt });
    expect(await consumeToken(db.prisma, "invite", token, new Date("2026-11-01T11:00:00Z"))).toBeNull();
    const { token: fresh } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR, now: issuedAt });
    expect(await consumeToken(db.prisma, "invite", fresh, new Date("2026-11-01T10:59:59Z"))).not.toBeNull();
    // With the real clock, a token issued long ago is dead.
    const { token: old } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR, now: new Date(Date.now() - 2 * HOUR) });
    expect(await consumeToken(db.prisma, "invite", old)).toBeNull();
  });

  it("are bound to their kind, and malformed or unknown tokens are refused", async () => {
    const { token } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR });
    expect(await consumeToken(db.prisma, "password-reset", token)).toBeNull();
    expect(await consumeToken(db.prisma, "invite", token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await consumeToken(db.prisma, "invite", "' OR 1=1 --")).toBeNull();
    expect(await consumeToken(db.prisma, "invite", "x".repeat(100_000))).toBeNull();
    expect(await consumeToken(db.prisma, "invite", token)).not.toBeNull();
  });

  it("a rolled-back action leaves its token unused", async () => {
    const { token } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR });
    await expect(
      db.prisma.$transaction(async (tx) => {
        expect(await consumeToken(tx, "invite", token)).not.toBeNull();
        throw new Error("the invited action failed");
      }),
    ).rejects.toThrow(/failed/);
    expect(await consumeToken(db.prisma, "invite", token)).not.toBeNull();
  });

  it("refuse lifetimes beyond a week; revoke and clean up", async () => {
    await expect(issueToken(db.prisma, { kind: "invite", ttlMs: MAX_TOKEN_TTL_MS + 1 })).rejects.toThrow(/lifetime/);
    const { token } = await issueToken(db.prisma, { kind: "invite", ttlMs: HOUR, userId });
    expect(await revokeTokens(db.prisma, "invite", userId)).toBeGreaterThanOrEqual(1);
    expect(await consumeToken(db.prisma, "invite", token)).toBeNull();
    expect(await deleteStaleTokens(db.prisma, new Date(Date.now() + 2 * 24 * HOUR))).toBeGreaterThan(0);
  });
});
