// Form strings → the shapes the facility and event schemas validate. Pure, so the mapping
// (blank → null, numbers, one URL per line) is unit-tested apart from the database.
import type { z } from "zod";
import type { facilityInputSchema, FacilityUpdateInput } from "./schemas";

export const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);

/** "" → null; a number → number; anything else stays a string so zod reports it rather than it silently vanishing. */
export function numberOrRaw(v: unknown, pattern = /^-?\d+(\.\d+)?$/): number | null {
  const s = text(v)?.trim();
  if (s === undefined) return null;
  return pattern.test(s) ? Number(s) : (s as unknown as number);
}

/** One URL per line (blank lines ignored). */
export function lines(v: unknown): string[] {
  return (text(v) ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export function facilityFormToInput(form: Record<string, unknown>): z.input<typeof facilityInputSchema> {
  return {
    refCode: text(form.refCode),
    nameEn: String(form.nameEn ?? ""),
    nameLocal: text(form.nameLocal),
    type: String(form.type ?? "") as z.input<typeof facilityInputSchema>["type"],
    country: String(form.country ?? ""),
    province: text(form.province),
    city: text(form.city),
    latitude: numberOrRaw(form.latitude),
    longitude: numberOrRaw(form.longitude),
    notes: text(form.notes),
    confidence: (text(form.confidence) ?? "MEDIUM") as z.input<typeof facilityInputSchema>["confidence"],
    sources: lines(form.sources),
  };
}

export function facilityEditFormToInput(form: Record<string, unknown>): FacilityUpdateInput {
  return { ...facilityFormToInput(form), facilityId: String(form.facilityId ?? ""), version: numberOrRaw(form.version, /^\d+$/) ?? 0 };
}
