import "server-only";
import { getTranslations } from "next-intl/server";
import { formErrorMessages } from "@/components/form-messages";

const KEYS = [
  "unknownFacility", "minAboveMax", "invalidTransition", "facilityOrDetainee", "invalidCountry", "invalidUrl", "invalidNumber",
  "latitudeRange", "longitudeRange", "countRange", "chooseDetainees", "tooMany", "facilityConflict", "eventConflict",
  "recordNotFound", "forbidden",
] as const;

const FACILITY_FIELDS = ["refCode", "nameEn", "nameLocal", "type", "country", "province", "city", "latitude", "longitude", "notes", "confidence", "sources"] as const;
const EVENT_FIELDS = ["refCode", "date", "fromRegion", "province", "handoverPoint", "reportedMin", "reportedMax", "verification", "description", "sources"] as const;

/** The shared form messages plus the registry's own error keys, in the viewer's language. */
export async function registryFormMessages(): Promise<Record<string, string>> {
  const [base, t] = await Promise.all([formErrorMessages(), getTranslations("registryErrors")]);
  // The form fills in {name} itself (components/action-form.tsx), so it is passed through as text.
  return { ...base, ...Object.fromEntries(KEYS.map((k) => [k, t(k)])), conflictBy: t("conflictBy", { name: "{name}" }) };
}

/** registryFormMessages plus "field.<name>" labels, for the conflict details of an edit form. */
export async function registryEditMessages(kind: "facility" | "event"): Promise<Record<string, string>> {
  const [base, t] = await Promise.all([registryFormMessages(), getTranslations(kind === "facility" ? "facilityForm" : "eventForm")]);
  const fields: readonly string[] = kind === "facility" ? FACILITY_FIELDS : EVENT_FIELDS;
  const labels = Object.fromEntries(fields.map((f) => [`field.${f}`, t(f)]));
  return kind === "event" ? { ...base, ...labels, "field.facilityId": t("facility") } : { ...base, ...labels };
}
