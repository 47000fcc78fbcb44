// The map component at the demo's size and at a large registry's (issue 11: 2,000 facilities).
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createTranslator } from "next-intl";
import { FacilityMap, type FacilityMapLabels, type MapFacility, type RiskLevel } from "@/components/map/facility-map";
import { facilityMapLabels } from "@/components/map/labels";
import enMessages from "@/messages/en/registry.json";
import koMessages from "@/messages/ko/registry.json";
import demo from "@/prisma/demo/facilities.json";
import { shortName } from "./layout";
import { syntheticFacilities } from "./synthetic";

const en = facilityMapLabels(createTranslator({ locale: "en", messages: enMessages, namespace: "map" }));
const ko = facilityMapLabels(createTranslator({ locale: "ko", messages: koMessages, namespace: "map" }));
const render = (facilities: MapFacility[], labels: FacilityMapLabels = en) => renderToString(createElement(FacilityMap, { facilities, labels }));
const unescape = (s: string) => s.replace(/&amp;/g, "&").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");

const LEVELS: (RiskLevel | null)[] = ["IMMINENT", "HIGH", "ELEVATED", "LOW", null];
const demoFacilities: MapFacility[] = demo.map((f, i) => ({
  id: `demo${String(i).padStart(2, "0")}`, name: f.nameEn, latitude: f.latitude, longitude: f.longitude, level: LEVELS[i % LEVELS.length]!, href: `/facilities/demo${i}`,
}));

describe("FacilityMap with the demo's 24 facilities", () => {
  const html = render(demoFacilities);

  it("gives every facility on the map its own marker with its name and level, and a label", () => {
    expect(html).toContain('data-mode="points"');
    expect(html).not.toContain("facilities, highest");
    const onMap = demoFacilities.filter((f) => f.latitude != null && !f.name.startsWith("Qingdao"));
    expect(onMap.length).toBe(21);
    for (const f of onMap) {
      const level = en.level[f.level ?? "NONE"];
      expect(unescape(html)).toContain(`href="${f.href}" aria-label="${en.pointLabel(f.name, level)}"`);
      expect(unescape(html)).toContain(`>${shortName(f.name)}</text>`);
    }
  });
});

describe("FacilityMap with 2,000 facilities across northeast China", () => {
  const facilities = syntheticFacilities(2000);
  const html = render(facilities);

  it("stays small: under 150 KB, so with the RSC payload repeating it the page carries under 300 KB", () => {
    expect(html).toContain('data-mode="clusters"');
    expect(html.length).toBeLessThan(150_000);
  });

  it("accounts for every facility once, between group markers and single markers", () => {
    const groups = [...html.matchAll(/aria-label="(\d+) facilities, highest: (Imminent|High|Elevated|Low|Not assessed)"/g)];
    expect(groups.length).toBeGreaterThan(20);
    const grouped = groups.reduce((n, m) => n + Number(m[1]), 0);
    const singles = [...html.matchAll(/<a href="\/facilities\/syn\d+" aria-label=/g)].length;
    const offMap = facilities.filter((f) => f.latitude == null).length;
    expect(grouped + singles + offMap).toBe(2000);
    // Groups lead to the list of facilities, a single marker to its facility.
    expect(html).toContain('<a href="/facilities" aria-label="');
  });

  it("renders in well under the old 3.5–6 s (best of three, generous bound for a loaded machine)", () => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      render(facilities);
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(1000);
  });

  it("names groups in Korean too", () => {
    const koHtml = render(facilities, ko);
    expect(koHtml).toMatch(/aria-label="시설 \d+곳, 최고 위험도: (긴급|높음|주의|낮음|미평가)"/);
    expect(koHtml).toContain(ko.clusterLegend!);
  });

  it("loads nothing from the network", () => {
    const urls = html.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(urls.filter((u) => u !== "http://www.w3.org/2000/svg")).toEqual([]);
  });
});

describe("FacilityMap's list of facilities not on the map", () => {
  const noPlace = (n: number, level: RiskLevel | null, prefix: string): MapFacility[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, "0")}`, name: `${prefix} facility ${i}`, latitude: null, longitude: null, level, href: `/facilities/${prefix}${i}` }));

  it("lists the most urgent one by one and counts the rest, linking to the facilities list", () => {
    const html = render([...noPlace(25, "LOW", "low"), ...noPlace(8, "HIGH", "high"), ...noPlace(4, null, "none")]);
    expect(html.match(/no coordinates recorded/g)).toHaveLength(20);
    for (let i = 0; i < 8; i++) expect(html).toContain(`>high facility ${i}</a>`);
    expect(html).toMatch(/<a href="\/facilities" class="underline" data-testid="facility-map-more">17 more facilities at low or unknown risk — see the facilities list<\/a>/);
  });

  it("does not call the rest low when some are not", () => {
    const html = render(noPlace(23, "IMMINENT", "imm"));
    expect(html).toContain(">3 more facilities — see the facilities list</a>");
  });

  it("lists everything when there are few", () => {
    const html = render(noPlace(20, "LOW", "low"));
    expect(html.match(/no coordinates recorded/g)).toHaveLength(20);
    expect(html).not.toContain("facility-map-more");
  });
});
