// S12: the list pages' query-string parsers take whatever a pasted or forged URL holds — any keys,
// repeated keys (arrays), control characters, huge values — and never throw: a malformed filter
// falls back to "no filter" and the output is always within bounds.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { detaineeStatusSchema, listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { facilityTypeSchema, listFacilitiesSchema } from "@/lib/domain/facility/schemas";
import { listEventsSchema, verificationSchema } from "@/lib/domain/event/schemas";
import { listPetitionsSchema, PETITION_KINDS, PETITION_STATUS_VALUES } from "@/lib/domain/petitions/schemas";
import { idSchema } from "@/lib/domain/schemas-common";
import { auditFiltersSchema } from "@/lib/domain/audit/schemas";
import { hostileString, NASTY_STRINGS, ownObject } from "./fuzz-inputs";

const KEYS = ["actor", "entityId", "before", "after", "q", "status", "teamId", "facilityId", "mine", "page", "sort", "country", "province", "type", "holding", "verification", "year", "kind", "due", "restricted", "__proto__", "constructor"];
const plausible = fc.constantFrom("1", "0", "-1", "2", "1e3", "99999999999", "0x10", " 7 ", "DETAINED", "REPORTED", "CN", "cn", "relevance", "name", "deadline", "overdue", "2026", "DETENTION_CENTRE", "WGAD_URGENT_APPEAL", "abc123");
const value = fc.oneof(hostileString, plausible, fc.constantFrom(...NASTY_STRINGS));
/** What Next passes a page as searchParams: one string, or an array for a repeated key. */
const searchParams = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), fc.oneof(value, fc.array(value, { maxLength: 3 }))), { maxLength: 10 })
  .map(ownObject) as fc.Arbitrary<Record<string, string | string[]>>;
/** The same, as the pages hand it over: the first value of each key. */
const firstValues = searchParams.map((raw) => ownObject(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));

// Always tried, whatever the seed: every key holding a NUL, and every key repeated.
const EXAMPLES: [Record<string, string | string[]>][] = [
  [Object.fromEntries(KEYS.map((k) => [k, "a\u0000b"]))],
  [Object.fromEntries(KEYS.map((k) => [k, ["1", "\u0000"]]))],
];
const RUNS = { numRuns: 300, examples: EXAMPLES };
const inEnum = (values: readonly string[], v: unknown) => v === undefined || values.includes(v as string);
const isId = (v: unknown) => v === undefined || idSchema.safeParse(v).success;
const isPage = (p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 100_000;

function neverThrows<S extends z.ZodType>(schema: S, check: (out: z.output<S>) => void) {
  fc.assert(fc.property(fc.oneof(searchParams, firstValues), (raw) => check(schema.parse(raw))), RUNS);
}

describe("list query-string parsers on arbitrary input", () => {
  it("listDetaineesSchema never throws; q is clean and bounded, enums and ids valid", () => {
    neverThrows(listDetaineesSchema, (f) => {
      expect(f.q === undefined || (f.q.length <= 100 && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(f.q))).toBe(true);
      expect(inEnum(detaineeStatusSchema.options, f.status) && isId(f.teamId) && isId(f.facilityId) && isPage(f.page)).toBe(true);
      expect(["relevance", "caseNumber", "name", "status", "updated"]).toContain(f.sort);
    });
  });

  it("listFacilitiesSchema never throws; country is two letters, type and sort valid", () => {
    neverThrows(listFacilitiesSchema, (f) => {
      expect(f.q === undefined || (f.q.length <= 100 && !f.q.includes("\u0000"))).toBe(true);
      expect(f.country === undefined || /^[A-Z]{2}$/.test(f.country)).toBe(true);
      // The province filter is compared in SQL: a NUL there is a database error, i.e. a 500.
      expect(f.province === undefined || (f.province.length <= 100 && !f.province.includes("\u0000"))).toBe(true);
      expect(inEnum(facilityTypeSchema.options, f.type) && isPage(f.page)).toBe(true);
      expect(["name", "location", "type", "events"]).toContain(f.sort);
    });
  });

  it("listEventsSchema never throws; year within 1900–2100", () => {
    neverThrows(listEventsSchema, (f) => {
      expect(f.year === undefined || (Number.isInteger(f.year) && f.year >= 1900 && f.year <= 2100)).toBe(true);
      expect(inEnum(verificationSchema.options, f.verification) && isId(f.facilityId) && isPage(f.page)).toBe(true);
    });
  });

  it("auditFiltersSchema never throws; kind valid, actor clean and bounded, entityId id-shaped, cursors bigint ids", () => {
    neverThrows(auditFiltersSchema, (f) => {
      expect(["all", "refusals", "auth", "changes"]).toContain(f.kind);
      expect(f.actor === undefined || (f.actor.length <= 100 && !/[\u0000-\u001f]/.test(f.actor))).toBe(true);
      expect(f.entityId === undefined || /^[A-Za-z0-9_-]{1,40}$/.test(f.entityId)).toBe(true);
      for (const c of [f.before, f.after]) expect(c === undefined || (/^[1-9][0-9]*$/.test(c) && BigInt(c) < 2n ** 63n)).toBe(true);
    });
  });

  it("listPetitionsSchema never throws; status, kind, due and sort valid", () => {
    neverThrows(listPetitionsSchema, (f) => {
      expect(inEnum(PETITION_STATUS_VALUES, f.status) && inEnum(PETITION_KINDS, f.kind) && isId(f.teamId) && isPage(f.page)).toBe(true);
      expect(inEnum(["overdue", "week", "month"], f.due)).toBe(true);
      expect(["deadline", "updated", "created"]).toContain(f.sort);
    });
  });

  it("a NUL in the search box is dropped, not sent to the database", () => {
    expect(listDetaineesSchema.parse({ q: "김\u0000철" }).q).toBe("김철");
    expect(listFacilitiesSchema.parse({ q: "\u0000" }).q ?? "").toBe("");
  });
});
