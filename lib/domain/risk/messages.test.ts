import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/registry.json";
import ko from "@/messages/ko/registry.json";
import { scoreDetainee, scoreFacility, type ContributionKey, type RiskEventInput, type RiskResult } from "./model";

const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
const ago = (n: number) => new Date(Date.UTC(2026, 5, 15) - n * DAY);
const ev = (n: number, v: RiskEventInput["verification"], min: number | null, max: number | null): RiskEventInput => ({ date: ago(n), precision: n > 100 ? "MONTH" : "DAY", verification: v, reportedMin: min, reportedMax: max });

// One example of every contribution key, so every sentence is rendered in both languages.
function examples(): RiskResult[] {
  const facility = scoreFacility(
    {
      type: "BORDER_DEFENCE_STATION",
      events: [ev(1, "CONFIRMED", 180, 180), ev(20, "CORROBORATED", 50, 60), ev(40, "DISPUTED", null, null), ev(120, "REPORTED", 30, 30)],
      indicators: [{ type: "MASS_TRANSPORT_SEEN", observedOn: ago(0), confidence: "HIGH" }],
      regionalEvents: [ev(5, "CONFIRMED", 1, 1)],
    },
    NOW,
  );
  const transfer = { fromType: "PRISON" as const, toType: "BORDER_DEFENCE_STATION" as const, on: ago(3) };
  const indicators = [{ type: "SUPPLIES_REFUSED" as const, observedOn: ago(7), confidence: "MEDIUM" as const }, { type: "IDENTITY_CONFIRMED_TO_DPRK" as const, observedOn: ago(9), confidence: "HIGH" as const }];
  return [
    facility,
    scoreFacility({ type: "RE_EDUCATION_CAMP", country: "KP", events: [], indicators: [], regionalEvents: [] }, NOW),
    scoreDetainee({ status: "DETAINED", facility, daysInCustody: 75, lastTransfer: transfer, indicators }, NOW),
    scoreDetainee({ status: "REPORTED", facility: null, daysInCustody: null, lastTransfer: null, indicators: [] }, NOW),
    scoreDetainee({ status: "DETAINED_IN_DPRK", facility: null, daysInCustody: null, lastTransfer: null, indicators: [] }, NOW),
  ];
}

const render = (messages: typeof en, locale: string, key: ContributionKey, params: Record<string, string | number>) =>
  new IntlMessageFormat((messages.risk.contribution as Record<ContributionKey, string>)[key], locale).format(params) as string;

describe("risk messages", () => {
  it("render every contribution in English and Korean with its points and no raw enum names", () => {
    const seen = new Set<string>();
    for (const r of examples()) {
      for (const c of r.contributions) {
        seen.add(c.key);
        for (const [messages, locale] of [[en, "en"], [ko, "ko"]] as const) {
          const text = render(messages, locale, c.key, { ...c.params, points: c.points });
          expect(text, `${locale} ${c.key}`).toContain(String(c.points));
          expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]/);
        }
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(en.risk.contribution).sort());
  });

  it("say the worked example in plain words", () => {
    const top = examples()[0]!.contributions.find((c) => c.key === "event")!;
    expect(render(en, "en", "event", { ...top.params, points: top.points })).toBe("Confirmed return of 180 people from this facility 1 day ago: +46");
    expect(render(ko, "ko", "event", { ...top.params, points: top.points })).toBe("1일 전 이 시설에서 180명 강제송환(확인된 정보): +46");
    expect(Object.keys(en.risk.level)).toEqual(["LOW", "ELEVATED", "HIGH", "IMMINENT"]);
    expect(ko.risk.level).toEqual({ LOW: "낮음", ELEVATED: "주의", HIGH: "높음", IMMINENT: "임박" });
  });
});
