import { describe, expect, it } from "vitest";
import { facilityEditFormToInput, facilityFormToInput } from "./form";
import { facilityInputSchema, facilityUpdateSchema } from "./schemas";
import { eventEditFormToInput, eventFormToInput } from "../event/form";
import { eventInputSchema } from "../event/schemas";
import { indicatorFormToInput } from "../indicator/form";
import { indicatorInputSchema } from "../indicator/schemas";

const facilityForm = {
  nameEn: "Tumen Border Detention Centre", nameLocal: "图们边防拘留所", type: "BORDER_DEFENCE_STATION", country: "cn", province: "Jilin",
  city: "", latitude: "42.967", longitude: " 129.85 ", confidence: "HIGH", notes: "", refCode: "", sources: "https://a.example/1\r\n\n  http://b.example/2  \n",
};

describe("facility form", () => {
  it("maps blanks to null, numbers, and one URL per line", () => {
    const parsed = facilityInputSchema.parse(facilityFormToInput(facilityForm));
    expect(parsed).toMatchObject({ country: "CN", city: null, refCode: null, latitude: 42.967, longitude: 129.85, sources: ["https://a.example/1", "http://b.example/2"] });
    expect(facilityInputSchema.parse(facilityFormToInput({ ...facilityForm, latitude: "", longitude: "" }))).toMatchObject({ latitude: null, longitude: null });
  });

  it("reports a non-number instead of dropping it, and keys each error", () => {
    const r = facilityInputSchema.safeParse(facilityFormToInput({ ...facilityForm, latitude: "42°N", longitude: "200", sources: "javascript:alert(1)" }));
    expect(r.success).toBe(false);
    const errors = r.error!.flatten().fieldErrors;
    expect(errors).toMatchObject({ latitude: ["invalidNumber"], longitude: ["longitudeRange"], sources: ["invalidUrl"] });
  });

  it("carries the id and version for editing", () => {
    expect(facilityUpdateSchema.parse(facilityEditFormToInput({ ...facilityForm, facilityId: "abc123", version: "4" }))).toMatchObject({ facilityId: "abc123", version: 4 });
    expect(facilityUpdateSchema.safeParse(facilityEditFormToInput({ ...facilityForm, facilityId: "abc123", version: "x" })).success).toBe(false);
  });
});

describe("event form", () => {
  it("maps the strings, with no facility as null", () => {
    const e = eventInputSchema.parse(eventFormToInput({ date: "2023-10", facilityId: "", reportedMin: "500", reportedMax: "600", verification: "CONFIRMED", sources: "" }));
    expect(e).toMatchObject({ date: { precision: "MONTH" }, facilityId: null, reportedMin: 500, reportedMax: 600, verification: "CONFIRMED", sources: [] });
    expect(eventEditFormToInput({ date: "2023", eventId: "ev1", version: "2" })).toMatchObject({ eventId: "ev1", version: 2 });
  });

  it("keys its errors", () => {
    const r = eventInputSchema.safeParse(eventFormToInput({ date: "October 2023", reportedMin: "about 50", reportedMax: "-3" }));
    expect(r.error!.flatten().fieldErrors).toMatchObject({ date: ["invalidDate"], reportedMin: ["invalidNumber"], reportedMax: ["invalidNumber"] });
    const range = eventInputSchema.safeParse(eventFormToInput({ date: "2023", reportedMin: "60", reportedMax: "50" }));
    expect(range.error!.flatten().fieldErrors).toEqual({ reportedMax: ["minAboveMax"] });
  });
});

describe("indicator form", () => {
  it("targets exactly one of facility or case", () => {
    const form = { type: "SUPPLIES_REFUSED", observedOn: "2026-11-02", confidence: "", description: " ", facilityId: "f1", detaineeId: "d1" };
    expect(indicatorInputSchema.parse(indicatorFormToInput(form, "facility"))).toMatchObject({ facilityId: "f1", confidence: "MEDIUM", description: null });
    const forCase = indicatorInputSchema.parse(indicatorFormToInput(form, "detainee"));
    expect([forCase.detaineeId, forCase.facilityId]).toEqual(["d1", undefined]);
  });
});
