// A cache of Prisma query plans (issue 11: Prisma's own cost per statement).
//
// With `engineType = "client"` (docs/STACK.md: no Rust query engine here) Prisma 6.19 compiles
// every query — the JSON of `findMany({ where, select, … })`, values included — into a plan in
// WASM, synchronously on the event loop, before sending SQL. Measured at 100,000 cases on this
// machine, that compile step is most of Prisma's cost: a one-row `findFirst` takes 2.5 ms of CPU,
// 0.9 ms with its plan cached, against 0.7 ms for the same SQL through `$queryRaw`. Prisma 7.4
// added plan caching upstream (parameterised, prisma/orm#29038); 6.19 has none.
//
// This is the exact-match form of it: a read whose JSON (shape AND values) was compiled before by
// the same compiler gets the same plan back. It is safe because compile is a pure function of the
// request and the compiler's schema/connection settings — the cache is per compiler instance, so
// two clients (PGlite and PostgreSQL in one process) never share plans — and plans are frozen, so
// the executor cannot have changed one between uses (a write to a frozen plan throws in strict
// mode; the database tests run with the cache on). Only reads are cached: writes carry one-off
// values and would only push reads out. Repeated reads are common in use — the session's user,
// a team's list pages and dashboard, a case a team is working on — while a read with new values
// costs what it did before. HAVEN_PLAN_CACHE=0 turns it off; HAVEN_PLAN_CACHE_SIZE sets the
// entries per client (default 1,000, least recently used dropped first).

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);

export type PlanCacheStats = { hits: number; misses: number; uncached: number };
const stats: PlanCacheStats = { hits: 0, misses: 0, uncached: 0 };
export const planCacheStats = (): PlanCacheStats => ({ ...stats });

const INSTALLED = Symbol.for("haven.planCache");

/** The action of a JSON-protocol request, read from its start ({"modelName":…,"action":"findMany",…}). */
export function requestAction(request: string): string | null {
  const m = /"action":"(\w+)"/.exec(request.slice(0, 200));
  return m ? m[1]! : null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

type Compile = (this: object, request: string) => unknown;

/**
 * `original` with the cache in front: per compiler instance (`this`), reads only, at most `max`
 * plans each, least recently used dropped first; plans frozen on the way in.
 */
export function withPlanCache(original: Compile, max: number): Compile {
  const caches = new WeakMap<object, Map<string, unknown>>();
  return function cachedCompile(this: object, request: string) {
    if (!READS.has(requestAction(request) ?? "")) {
      stats.uncached++;
      return original.call(this, request);
    }
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const found = cache.get(request);
    if (found !== undefined) {
      stats.hits++;
      cache.delete(request); // most recently used last
      cache.set(request, found);
      return found;
    }
    stats.misses++;
    const plan = deepFreeze(original.call(this, request));
    cache.set(request, plan);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return plan;
  };
}

let installing: Promise<boolean> | null = null;

/**
 * Puts the cache in front of the query compiler once per process; resolves false when turned
 * off. The compiler's module is imported the way Prisma's generated client imports it (a dynamic
 * import), so both get the same module instance under Next's bundler, Vitest and tsx alike; the
 * prototype is patched, so a compiler created before the patch uses it too.
 */
export function installPlanCache(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (env.HAVEN_PLAN_CACHE === "0") return Promise.resolve(false);
  installing ??= import("@prisma/client/runtime/query_compiler_bg.postgresql.mjs").then(({ QueryCompiler }) => {
    const proto = QueryCompiler.prototype as unknown as { compile: Compile; [INSTALLED]?: true };
    if (!proto[INSTALLED]) {
      proto.compile = withPlanCache(proto.compile, Math.max(1, Number(env.HAVEN_PLAN_CACHE_SIZE ?? 1000) || 1000));
      proto[INSTALLED] = true;
    }
    return true;
  });
  return installing;
}
