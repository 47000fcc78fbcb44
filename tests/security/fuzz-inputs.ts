// Hostile inputs for the S12 fuzz tests. A crafted request can put into a server action's
// arguments anything React's reply decoder accepts: strings of any code points, JSON-like
// objects and arrays (with keys such as "__proto__"), numbers including NaN/Infinity/-0, BigInts,
// Dates, Maps, Sets, typed arrays, and deep nesting. The properties built from these check the
// one promise S12 makes: bad input is an AppError or a ZodError (a 4xx), never anything else.
import fc from "fast-check";
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";

/** Strings that have broken web apps: SQL and HTML metacharacters, NUL, bidi overrides, surrogates. */
export const NASTY_STRINGS = [
  "", " ", "\u0000", "a\u0000b", "\u0001\u0007\u001b[31m", "\r\n\t", "\u007f\u0085\u009f", "\u2028\u2029", "\ufeff", "\uffff",
  "\u202egpj.exe", "\ud800", "\udfff", "😀", "김정은", "金", "ㄱ%", "\u0301",
  `'; DROP TABLE "Detainee"; --`, `' OR '1'='1`, `") OR 1=1 --`, "%", "_", "%%__", "\\", "$1", "$$; SELECT pg_sleep(5); $$",
  "<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "javascript:alert(1)", "{{7*7}}", "${7*7}", "../../etc/passwd",
  "__proto__", "constructor", "null", "undefined", "NaN", "-1", "0", "1e309", "9007199254740993", "2026-02-30", "2026-13", "0000",
  "ADMIN", "on", "true", "https://example.org/x", "a@b.c",
];

/** Keys a mass-assignment attempt would add, plus prototype-pollution keys. */
export const SMUGGLED_KEYS = [
  "role", "teamId", "teamIds", "version", "createdById", "authorId", "approvedById", "id", "status", "archivedAt", "passwordHash",
  "sessionVersion", "totpSecretEnc", "disabledAt", "searchText", "caseNumber", "isAdmin", "userId", "__proto__", "constructor",
  "prototype", "toString", "then", "$where",
] as const;

const nastyUnit = fc.constantFrom("\u0000", "'", '"', "<", ">", "&", "%", "_", "\\", ";", "-", "\u202e", "\ud800", "김", "\n", "\u007f", "a", "1");

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: nastyUnit, maxLength: 40 }) },
  // Huge: past every max() in the schemas, and past the 50 000-character section limit.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("x", "\u0000", "김", "'"), fc.integer({ min: 1, max: 4 })).map(([c, n]) => c.repeat(n * 60_000)) },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.constantFrom(0, -0, 1, -1, 2 ** 53 + 1, Number.MAX_VALUE, NaN, Infinity, -Infinity),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
);

/** An object built the way JSON.parse builds it: "__proto__" becomes an own key, not the prototype. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const hostileKey = fc.oneof(fc.constantFrom(...SMUGGLED_KEYS), fc.string({ maxLength: 12 }), fc.constantFrom(...NASTY_STRINGS));

function nest(depth: number, asArray: boolean): unknown {
  let v: unknown = "deep";
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: hostileScalar },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 4 }).map(ownObject) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean()).map(([d, a]) => nest(d, a)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(new Map([["role", "ADMIN"]]), new Set(["x"]), new Uint8Array([0, 1, 255]), [, 1], Object.create(null)) },
  ),
})).value;

/** The valid input with one field replaced by a hostile value, several replaced, or one dropped. */
export function hostileVariant(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ownObject([...Object.entries(base), [k, v]])) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...keys), hostileValue), { minLength: 2, maxLength: 4 }).map((swaps) => ownObject([...Object.entries(base), ...swaps])) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => ownObject(Object.entries(base).filter(([key]) => key !== k))) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** The valid input plus one key the schema does not own (mass assignment). */
export function smuggledVariant(base: Record<string, unknown>): fc.Arbitrary<{ key: string; input: Record<string, unknown> }> {
  const foreign = fc.oneof(fc.constantFrom(...SMUGGLED_KEYS), fc.string({ minLength: 1, maxLength: 12 })).filter((k) => !Object.hasOwn(base, k));
  return fc.tuple(foreign, hostileValue).map(([key, v]) => ({ key, input: ownObject([...Object.entries(base), [key, v]]) }));
}

/** Is this what S12 allows a bad input to become: a 4xx with a message, never a 500? */
export function isClientError(e: unknown): boolean {
  return isAppError(e) || e instanceof ZodError;
}

/** A short description of an unexpected error for the failure report (never the huge input). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 300)}`;
  return `non-Error thrown: ${typeof e}`;
}

/** Did zod refuse the input because of a key the schema does not know? */
export function isUnknownKeyRejection(e: unknown): boolean {
  return e instanceof ZodError && e.issues.some((i) => i.code === "unrecognized_keys");
}

/** Run lengths: modest so the whole suite stays fast on two cores; FUZZ_RUNS raises them locally. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);
