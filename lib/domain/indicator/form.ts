// The "add an indicator" form's strings → indicatorInputSchema's shape (pure; unit-tested). The
// target (facility or case) comes from the page's hidden field and is checked by the mutation.
import type { z } from "zod";
import { text } from "../facility/form";
import type { indicatorInputSchema } from "./schemas";

type IndicatorInput = z.input<typeof indicatorInputSchema>;

export function indicatorFormToInput(form: Record<string, unknown>, target: "facility" | "detainee"): IndicatorInput {
  const id = String((target === "facility" ? form.facilityId : form.detaineeId) ?? "");
  return {
    type: String(form.type ?? "") as IndicatorInput["type"],
    observedOn: String(form.observedOn ?? ""),
    confidence: (text(form.confidence) ?? "MEDIUM") as IndicatorInput["confidence"],
    description: text(form.description),
    ...(target === "facility" ? { facilityId: id } : { detaineeId: id }),
  };
}
