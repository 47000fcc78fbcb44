// S12 at the server-action boundary, without a database: FormData of any shape becomes plain
// fields without throwing; the form-to-input mappers the actions run (some outside runAction, so
// a throw there would be a 500) never throw; and whatever a domain call throws, runAction answers
// with a message key or an AppError sentence — never a stack trace, SQL or a driver message.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { formToObject, runAction } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { detaineeFormToInput, detaineeFormToUpdateInput } from "@/lib/domain/detainee/form";
import { createDetaineeSchema, updateDetaineeSchema } from "@/lib/domain/detainee/schemas";
import { facilityEditFormToInput, facilityFormToInput } from "@/lib/domain/facility/form";
import { facilityInputSchema, facilityUpdateSchema } from "@/lib/domain/facility/schemas";
import { eventEditFormToInput, eventFormToInput } from "@/lib/domain/event/form";
import { eventInputSchema, eventUpdateSchema } from "@/lib/domain/event/schemas";
import { indicatorFormToInput } from "@/lib/domain/indicator/form";
import { indicatorInputSchema } from "@/lib/domain/indicator/schemas";
import { hostileString, hostileValue, NASTY_STRINGS, SMUGGLED_KEYS } from "./fuzz-inputs";

const FIELD_NAMES = [
  "teamId", "detaineeId", "facilityId", "eventId", "version", "base", "familyNameRoman", "nameHangul", "aliases", "sex", "estimatedAge",
  "birthDate", "status", "hasSouthKoreaLinks", "assignedUserIds", "assignmentsShown", "nameEn", "type", "country", "latitude", "longitude",
  "sources", "date", "reportedMin", "reportedMax", "verification", "observedOn", "confidence", "description", "$ACTION_ID_abc", "$ACTION_REF_1",
  ...SMUGGLED_KEYS,
];
const formEntries = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })), fc.oneof(hostileString, fc.constantFrom(...NASTY_STRINGS))), { maxLength: 25 });

function toFormData(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  form.append("file", new File(["x"], "x.txt")); // a file part is never turned into a field value
  return form;
}

describe("FormData → fields", () => {
  it("formToObject refuses anything but a form with a clean input error (a hand-made call may pass anything)", async () => {
    for (const notAForm of [undefined, null, "a=1", { a: "1" }, 42]) {
      expect(() => formToObject(notAForm as never)).toThrow(expect.objectContaining({ code: "INVALID", message: "generic" }));
      expect(await runAction("t", async () => formToObject(notAForm as never))).toEqual({ ok: false, message: "generic" });
    }
  });

  it("formToObject never throws and yields only strings (or string arrays where listed), never $ACTION keys or files", () => {
    fc.assert(fc.property(formEntries, (entries) => {
      const out = formToObject(toFormData(entries), ["aliases", "assignedUserIds", "detaineeIds"]);
      for (const [key, value] of Object.entries(out)) {
        expect(key.startsWith("$ACTION")).toBe(false);
        const ok = typeof value === "string" || value === undefined || (Array.isArray(value) && value.every((v) => typeof v === "string"));
        expect(ok).toBe(true);
      }
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype); // "__proto__" stays a plain key
    }), { numRuns: 300 });
  });
});

const mappers: [string, (f: Record<string, unknown>) => unknown, z.ZodType][] = [
  ["detaineeFormToInput", detaineeFormToInput, createDetaineeSchema],
  ["detaineeFormToUpdateInput", detaineeFormToUpdateInput, updateDetaineeSchema],
  ["facilityFormToInput", facilityFormToInput, facilityInputSchema],
  ["facilityEditFormToInput", facilityEditFormToInput, facilityUpdateSchema],
  ["eventFormToInput", eventFormToInput, eventInputSchema],
  ["eventEditFormToInput", eventEditFormToInput, eventUpdateSchema],
  ["indicatorFormToInput(facility)", (f) => indicatorFormToInput(f, "facility"), indicatorInputSchema],
  ["indicatorFormToInput(detainee)", (f) => indicatorFormToInput(f, "detainee"), indicatorInputSchema],
];

describe("form → domain input mappers", () => {
  it.each(mappers)("%s never throws on any form, and its schema judges the result without throwing", (_name, map, schema) => {
    fc.assert(fc.property(formEntries, (entries) => {
      const input = map(formToObject(toFormData(entries), ["aliases", "assignedUserIds"]));
      expect(typeof schema.safeParse(input).success).toBe("boolean");
    }), { numRuns: 200 });
  });
});

// What runAction may send to the browser: a message key, or an AppError's own sentence.
const LEAK = /\n|\bat (?:async )?[\w.$<>]+ \(|\.(?:ts|js|mjs):\d+|node_modules|\b(?:SELECT|INSERT|UPDATE|DELETE)\b|prisma|postgres|byte sequence|ZodError|TypeError/i;
const internalError = fc.oneof(
  hostileString.map((m) => new Error(`Invalid \`prisma.detainee.create()\` invocation: SELECT * FROM "User" ${m}`)),
  fc.constant(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { name: "DriverAdapterError", code: "22021" })),
  fc.constant(new TypeError("Cannot read properties of undefined (reading 'id')\n    at createDetainee (/app/lib/domain/detainee/mutations.ts:20:5)")),
  fc.constant(new RangeError("Maximum call stack size exceeded")),
  hostileValue,
);

describe("runAction", () => {
  beforeAll(() => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // runAction prints unexpected errors in development
  });
  afterAll(() => vi.restoreAllMocks());

  it("answers any internal error with the generic message and nothing of the error", async () => {
    await fc.assert(fc.asyncProperty(internalError, async (error) => {
      const result = await runAction("fuzz", () => Promise.reject(error));
      expect(result).toEqual({ ok: false, message: "generic" });
    }), { numRuns: 200 });
  });

  it("answers a validation failure with field keys only, never the raw input or zod internals", async () => {
    const schema = z.strictObject({ name: z.string().max(5, "tooLong"), age: z.number().int() });
    await fc.assert(fc.asyncProperty(hostileValue, async (input) => {
      const result = await runAction("fuzz", async () => schema.parse(input));
      if (result.ok) return;
      expect(result.message).toBe("checkFields");
      expect(JSON.stringify(result)).not.toMatch(LEAK);
    }), { numRuns: 200 });
  });

  it("passes an AppError's message through unchanged (those are written for users)", async () => {
    const result = await runAction("fuzz", () => Promise.reject(new AppError("NOT_FOUND", "Case not found.")));
    expect(result).toEqual({ ok: false, message: "Case not found." });
  });
});
