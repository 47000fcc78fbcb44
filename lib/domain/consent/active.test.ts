import { describe, expect, it } from "vitest";
import { activeConsent, type ConsentLike } from "./active";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
type Over = { channel?: ConsentLike["channel"]; givenOn: string; revokedAt?: Date; createdAt?: Date };
function consent(id: string, over: Over): ConsentLike & { id: string } {
  return { id, channel: over.channel ?? "WGAD", givenOn: d(over.givenOn), revokedAt: over.revokedAt ?? null, createdAt: over.createdAt ?? d(over.givenOn) };
}

describe("activeConsent", () => {
  it("is null without any consent for the channel", () => {
    expect(activeConsent([], "WGAD")).toBeNull();
    expect(activeConsent([consent("a", { channel: "UNHCR", givenOn: "2026-01-01" })], "WGAD")).toBeNull();
  });

  it("picks the latest consent given for the channel", () => {
    const list = [consent("old", { givenOn: "2026-01-05" }), consent("new", { givenOn: "2026-03-01" }), consent("other", { channel: "MEDIA", givenOn: "2026-04-01" })];
    expect(activeConsent(list, "WGAD", d("2026-05-01"))?.id).toBe("new");
    expect(activeConsent(list, "MEDIA", d("2026-05-01"))?.id).toBe("other");
  });

  it("orders same-day consents by when they were recorded", () => {
    const list = [consent("second", { givenOn: "2026-02-01", createdAt: new Date("2026-02-01T10:00:00Z") }), consent("first", { givenOn: "2026-02-01", createdAt: new Date("2026-02-01T09:00:00Z") })];
    expect(activeConsent(list, "WGAD", d("2026-03-01"))?.id).toBe("second");
  });

  it("answers as of a moment: not yet given, or revoked only later", () => {
    const list = [consent("a", { givenOn: "2026-01-10", revokedAt: d("2026-06-01") })];
    expect(activeConsent(list, "WGAD", d("2026-01-09"))).toBeNull();
    expect(activeConsent(list, "WGAD", d("2026-03-01"))?.id).toBe("a");
    expect(activeConsent(list, "WGAD", d("2026-06-01"))).toBeNull();
    expect(activeConsent(list, "WGAD", d("2026-07-01"))).toBeNull();
  });

  it("a revoked latest consent means no consent: an older, broader one does not come back", () => {
    const list = [consent("full-name", { givenOn: "2026-01-01" }), consent("initials", { givenOn: "2026-02-01", revokedAt: d("2026-03-01") })];
    expect(activeConsent(list, "WGAD", d("2026-02-15"))?.id).toBe("initials");
    expect(activeConsent(list, "WGAD", d("2026-04-01"))).toBeNull();
  });

  it("a consent recorded after a revocation is in force again", () => {
    const list = [consent("a", { givenOn: "2026-01-01", revokedAt: d("2026-02-01") }), consent("b", { givenOn: "2026-03-01" })];
    expect(activeConsent(list, "WGAD", d("2026-04-01"))?.id).toBe("b");
  });
});
