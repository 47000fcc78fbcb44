// The query-plan cache (lib/db/plan-cache.ts), on both engines: a repeated read is compiled once
// and answers exactly as an uncached read would; reads with other values, and every write, are
// compiled as before; plans are per client and frozen; the cache stays within its size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPlanCache, planCacheStats, requestAction, withPlanCache } from "@/lib/db/plan-cache";
import { createTestDatabase, type TestDatabase } from "./helpers";

let db: TestDatabase;
let teamA: string;
let teamB: string;

beforeAll(async () => {
  await installPlanCache();
  db = await createTestDatabase();
  teamA = (await db.prisma.team.create({ data: { name: "Plan A" } })).id;
  teamB = (await db.prisma.team.create({ data: { name: "Plan B" } })).id;
});
afterAll(async () => db?.close());

const delta = async (f: () => Promise<unknown>) => {
  const before = planCacheStats();
  const result = await f();
  const after = planCacheStats();
  return { result, hits: after.hits - before.hits, misses: after.misses - before.misses, uncached: after.uncached - before.uncached };
};

describe("query-plan cache", () => {
  it("is installed (as the app installs it) and reads the action of a request", async () => {
    expect(await installPlanCache()).toBe(true);
    expect(requestAction(JSON.stringify({ modelName: "Team", action: "findMany", query: {} }))).toBe("findMany");
    expect(requestAction(JSON.stringify({ action: "queryRaw", query: {} }))).toBe("queryRaw");
  });

  it("compiles a repeated read once and answers it exactly as the first time", async () => {
    const read = () => db.prisma.team.findUnique({ where: { id: teamA }, select: { id: true, name: true, createdAt: true } });
    const first = await delta(read);
    const second = await delta(read);
    expect(first.misses).toBe(1);
    expect(second).toMatchObject({ hits: 1, misses: 0 });
    expect(second.result).toEqual(first.result);
    expect((second.result as { createdAt: Date }).createdAt).toBeInstanceOf(Date);
  });

  it("never answers a read with another read's plan: other values are compiled and answered on their own", async () => {
    const byId = (id: string) => db.prisma.team.findUnique({ where: { id }, select: { name: true } });
    await byId(teamA);
    const b = await delta(() => byId(teamB));
    expect(b.misses).toBe(1);
    expect(b.result).toEqual({ name: "Plan B" });
    const a = await delta(() => byId(teamA));
    expect(a.hits).toBe(1);
    expect(a.result).toEqual({ name: "Plan A" });
  });

  it("sees rows written after a plan was cached (plans hold no results)", async () => {
    const count = () => db.prisma.team.count({ where: { name: { startsWith: "Plan" } } });
    expect(await count()).toBe(2);
    await db.prisma.team.create({ data: { name: "Plan C" } });
    const again = await delta(count);
    expect(again.hits).toBe(1);
    expect(again.result).toBe(3);
  });

  it("does not cache writes", async () => {
    const write = () => db.prisma.team.update({ where: { id: teamA }, data: { name: "Plan A" }, select: { id: true } });
    const first = await delta(write);
    const second = await delta(write);
    expect(first.uncached).toBeGreaterThanOrEqual(1);
    expect(second.uncached).toBeGreaterThanOrEqual(1);
    expect(first.hits + second.hits).toBe(0);
  });

  it("keeps plans per compiler and frozen, and drops the least recently used beyond its size", () => {
    let compiled = 0;
    const cached = withPlanCache(function (this: object, r: string) {
      compiled++;
      return { sql: r, params: [{ value: 1 }] };
    }, 2);
    const read = (i: number) => JSON.stringify({ modelName: "Team", action: "findMany", query: { arguments: { take: i } } });
    const one = {}, two = {};
    const plan = cached.call(one, read(1)) as { sql: string; params: { value: number }[] };
    expect(cached.call(one, read(1))).toBe(plan);
    expect(compiled).toBe(1);
    // Frozen all the way down: an executor writing into a cached plan would throw, not corrupt the next use.
    expect(() => { "use strict"; plan.params[0]!.value = 2; }).toThrow(TypeError);
    // Another compiler (another client, perhaps another engine) compiles for itself.
    expect(cached.call(two, read(1))).not.toBe(plan);
    expect(compiled).toBe(2);
    // Size 2: read(1) used most recently stays, read(2) is dropped by read(3).
    cached.call(one, read(2));
    cached.call(one, read(1));
    cached.call(one, read(3));
    const before = compiled;
    cached.call(one, read(1));
    expect(compiled).toBe(before);
    cached.call(one, read(2));
    expect(compiled).toBe(before + 1);
  });

  it("can be turned off", async () => {
    expect(await installPlanCache({ HAVEN_PLAN_CACHE: "0" })).toBe(false);
  });
});
