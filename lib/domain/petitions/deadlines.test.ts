import { describe, expect, it } from "vitest";
import { type DeadlineInput, nextDeadline, petitionDeadlines, wgeidUrgentWindow } from "./deadlines";

const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const base: DeadlineInput = {
  kind: "WGAD_URGENT_APPEAL", status: "DRAFT", createdAt: d("2026-11-01T09:00:00Z"), submittedOn: null, transmittedOn: null,
  acknowledgedOn: null, responseReceivedOn: null, disappearedOn: null,
};
const iso = (x: Date) => x.toISOString();

describe("urgent appeals before filing", () => {
  it("set a 24-hour filing target from when the draft was opened", () => {
    const [dl] = petitionDeadlines(base, d("2026-11-01T12:00:00Z"));
    expect(dl).toMatchObject({ key: "fileUrgent", labelKey: "petitionDeadlines.fileUrgent", severity: "warning" });
    expect(iso(dl!.due)).toBe("2026-11-02T09:00:00.000Z");
    expect(petitionDeadlines(base, d("2026-11-02T10:00:00Z"))[0]!.severity).toBe("overdue");
  });

  it("drop the filing target once approved or for regular communications", () => {
    expect(petitionDeadlines({ ...base, status: "APPROVED" }, d("2026-11-01"))).toEqual([]);
    expect(petitionDeadlines({ ...base, kind: "WGAD_REGULAR_COMMUNICATION" }, d("2026-11-01"))).toEqual([]);
  });
});

describe("government reply (WGAD and Special Procedures)", () => {
  it("falls due 60 days after transmission", () => {
    const input: DeadlineInput = { ...base, status: "SUBMITTED", submittedOn: d("2026-09-01"), transmittedOn: d("2026-09-10") };
    const dl = nextDeadline(input, d("2026-09-20"));
    expect(dl).toMatchObject({ key: "governmentReply", labelKey: "petitionDeadlines.governmentReply", severity: "info" });
    expect(iso(dl!.due)).toBe("2026-11-09T00:00:00.000Z");
  });

  it("is an estimate from the submission date while the transmission date is unknown", () => {
    const input: DeadlineInput = { ...base, kind: "SPECIAL_PROCEDURES_URGENT_APPEAL", status: "ACKNOWLEDGED", submittedOn: d("2026-09-01") };
    const dl = nextDeadline(input, d("2026-10-27"));
    expect(dl).toMatchObject({ labelKey: "petitionDeadlines.governmentReplyEstimate", severity: "warning" });
    expect(iso(dl!.due)).toBe("2026-10-31T00:00:00.000Z");
    expect(nextDeadline(input, d("2026-11-01"))!.severity).toBe("overdue");
  });

  it("ends when the response is in, the petition is closed or withdrawn", () => {
    for (const status of ["RESPONSE_RECEIVED", "CLOSED", "WITHDRAWN"] as const) {
      expect(petitionDeadlines({ ...base, status, submittedOn: d("2026-09-01") }, d("2026-09-02"))).toEqual([]);
    }
  });
});

describe("WGEID urgent procedure", () => {
  it("runs three calendar months from the disappearance, clamped to the month's end", () => {
    expect(wgeidUrgentWindow(d("2026-08-15"), d("2026-11-15"))).toEqual({ within: true, endsOn: d("2026-11-15") });
    expect(wgeidUrgentWindow(d("2026-08-15"), d("2026-11-16")).within).toBe(false);
    expect(wgeidUrgentWindow(d("2026-11-30"), d("2027-02-28")).endsOn).toEqual(d("2027-02-28"));
    expect(wgeidUrgentWindow(null, d("2026-11-16"))).toEqual({ within: false, endsOn: null });
  });

  it("shows the window's end while drafting, and warns once it has passed", () => {
    const input: DeadlineInput = { ...base, kind: "WGEID_URGENT_ACTION", createdAt: d("2026-10-01"), disappearedOn: d("2026-09-20") };
    const inside = petitionDeadlines(input, d("2026-10-01T01:00:00Z")).map((x) => [x.key, x.labelKey, x.severity]);
    expect(inside).toEqual([["fileUrgent", "petitionDeadlines.fileUrgent", "warning"], ["wgeidUrgentWindow", "petitionDeadlines.wgeidUrgentWindow", "info"]]);
    const outside = petitionDeadlines(input, d("2027-01-05")).find((x) => x.key === "wgeidUrgentWindow");
    expect(outside).toMatchObject({ labelKey: "petitionDeadlines.wgeidUrgentWindowPassed", severity: "warning" });
  });
});

describe("letters and UNHCR", () => {
  it("get a follow-up date 30 days after submission (or acknowledgement)", () => {
    const input: DeadlineInput = { ...base, kind: "ROK_GOVERNMENT_LETTER", status: "SUBMITTED", submittedOn: d("2026-10-01") };
    expect(nextDeadline(input, d("2026-10-02"))).toMatchObject({ key: "followUp", due: d("2026-10-31"), severity: "info" });
    const acked = { ...input, kind: "UNHCR_INTERVENTION" as const, status: "ACKNOWLEDGED" as const, acknowledgedOn: d("2026-10-10") };
    expect(nextDeadline(acked, d("2026-11-10"))).toMatchObject({ due: d("2026-11-09"), severity: "overdue" });
  });

  it("have no filing target and nothing before submission", () => {
    expect(petitionDeadlines({ ...base, kind: "UNGA_THIRD_COMMITTEE_LETTER" }, d("2026-11-01"))).toEqual([]);
  });
});

it("nextDeadline is the soonest of several", () => {
  const input: DeadlineInput = { ...base, kind: "WGEID_URGENT_ACTION", createdAt: d("2026-11-01"), disappearedOn: d("2026-08-09") };
  expect(nextDeadline(input, d("2026-11-01"))!.key).toBe("fileUrgent");
  expect(nextDeadline({ ...input, createdAt: d("2026-11-09") }, d("2026-11-09"))!.key).toBe("wgeidUrgentWindow");
});
