import { describe, expect, it } from "vitest";
import { versionedCache } from "./versioned";

describe("versionedCache", () => {
  it("computes once per key and version, again when the version changes", async () => {
    const cache = versionedCache<number>();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get("en", "v1", compute)).toBe(1);
    expect(await cache.get("en", "v1", compute)).toBe(1);
    expect(await cache.get("ko", "v1", compute)).toBe(2);
    expect(await cache.get("en", "v2", compute)).toBe(3);
    expect(await cache.get("en", "v2", compute)).toBe(3);
    // Back to an older version (a rolled-back change) is a change too: never a stale value.
    expect(await cache.get("en", "v1", compute)).toBe(4);
  });

  it("shares one computation between concurrent misses", async () => {
    const cache = versionedCache<string>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = async () => { runs++; await gate; return "map"; };
    const all = Promise.all([cache.get("en", "v1", compute), cache.get("en", "v1", compute), cache.get("en", "v1", compute)]);
    release();
    expect(await all).toEqual(["map", "map", "map"]);
    expect(runs).toBe(1);
  });

  it("does not keep a failed computation", async () => {
    const cache = versionedCache<number>();
    await expect(cache.get("en", "v1", async () => { throw new Error("database down"); })).rejects.toThrow("database down");
    expect(await cache.get("en", "v1", async () => 7)).toBe(7);
  });

  it("holds at most maxKeys keys, dropping the oldest", async () => {
    const cache = versionedCache<number>(2);
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get("a", "v", compute);
    await cache.get("b", "v", compute);
    await cache.get("c", "v", compute);
    expect(cache.size()).toBe(2);
    expect(await cache.get("a", "v", compute)).toBe(4);
  });
});
