// The event form's strings → eventInputSchema's shape (pure; unit-tested).
import type { z } from "zod";
import { lines, numberOrRaw, text } from "../facility/form";
import type { eventInputSchema, EventUpdateInput } from "./schemas";

type EventInput = z.input<typeof eventInputSchema>;

export function eventFormToInput(form: Record<string, unknown>): EventInput {
  return {
    refCode: text(form.refCode),
    date: String(form.date ?? ""),
    facilityId: text(form.facilityId) ?? null,
    fromRegion: text(form.fromRegion),
    province: text(form.province),
    handoverPoint: text(form.handoverPoint),
    reportedMin: numberOrRaw(form.reportedMin, /^\d+$/),
    reportedMax: numberOrRaw(form.reportedMax, /^\d+$/),
    verification: (text(form.verification) ?? "REPORTED") as EventInput["verification"],
    description: text(form.description),
    sources: lines(form.sources),
  };
}

export function eventEditFormToInput(form: Record<string, unknown>): EventUpdateInput {
  return { ...eventFormToInput(form), eventId: String(form.eventId ?? ""), version: numberOrRaw(form.version, /^\d+$/) ?? 0 };
}
