import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FacilityMap, type FacilityMapLabels, type MapFacility } from "@/components/map/facility-map";
import en from "@/messages/en/registry.json";
import { northeastAsiaMap } from "./northeast-asia";
import { shortName, spreadPoints } from "./layout";

// Measured at 1 decimal with 50m data: 10,080 bytes for all paths (CN 3690, KP 2944, RU 1414, KR 714, border 1318); the budget leaves headroom
// but would catch someone switching to 10m data (~5× larger) or dropping the rounding.
const PATH_BUDGET = 14_000;

function bounds(d: string) {
  const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const xs = nums.filter((_, i) => i % 2 === 0);
  const ys = nums.filter((_, i) => i % 2 === 1);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

describe("northeastAsiaMap", () => {
  const map = northeastAsiaMap();

  it("puts Dandong west of Tumen and Sinuiju south-east of Dandong", () => {
    const dandong = map.project(124.38, 40.12)!;
    const tumen = map.project(129.85, 42.97)!;
    const sinuiju = map.project(124.4, 40.1)!;
    expect(dandong[0]).toBeLessThan(tumen[0]);
    expect(dandong[1]).toBeGreaterThan(tumen[1]); // further south is further down
    expect(sinuiju[0]).toBeGreaterThan(dandong[0]);
    expect(sinuiju[1]).toBeGreaterThan(dandong[1]);
  });

  it("draws the countries in the box and the China–DPRK border between them", () => {
    expect(map.viewBox).toBe("0 0 800 600");
    expect(map.countries.map((c) => c.id).sort()).toEqual(["156", "408", "410", "643"]);
    const seoul = map.project(126.98, 37.57)!;
    const kr = bounds(map.countries.find((c) => c.id === "410")!.d);
    expect(seoul[0]).toBeGreaterThanOrEqual(kr.x0);
    expect(seoul[0]).toBeLessThanOrEqual(kr.x1);
    expect(seoul[1]).toBeGreaterThanOrEqual(kr.y0);
    expect(seoul[1]).toBeLessThanOrEqual(kr.y1);
    const border = bounds(map.border);
    // The border runs from the Yalu mouth near Dandong to the Tumen near Hunchun.
    expect(border.x0).toBeLessThan(map.project(124.6, 40)![0]);
    expect(border.x1).toBeGreaterThan(map.project(130.5, 42.5)![0]);
    for (const c of map.countries) expect(c.d).not.toMatch(/\.\d\d/);
  });

  it("returns null outside the box and for non-numbers", () => {
    expect(map.project(120.38, 36.07)).toBeNull(); // Qingdao
    expect(map.project(126.98, 36.9)).toBeNull();
    expect(map.project(134, 42)).toBeNull();
    expect(map.project(Number.NaN, 42)).toBeNull();
    const custom = northeastAsiaMap({ west: 119, south: 35, east: 133, north: 46 });
    expect(custom.project(120.38, 36.07)).not.toBeNull();
  });

  it("keeps the path data under budget", () => {
    const bytes = map.countries.reduce((n, c) => n + c.d.length, 0) + map.border.length;
    expect(bytes).toBeLessThan(PATH_BUDGET);
  });

  it("is deterministic", () => {
    const again = northeastAsiaMap({ ...map.box });
    expect(again.countries).toEqual(map.countries);
    expect(again.border).toBe(map.border);
    expect(again.project(129.85, 42.97)).toEqual(map.project(129.85, 42.97));
  });
});

describe("layout", () => {
  it("spreads points sharing a city so none overlap, the same way every time", () => {
    const pts = ["a", "b", "c", "d"].map((id) => ({ id, x: 100, y: 100 }));
    const out = spreadPoints(pts);
    expect(spreadPoints(pts)).toEqual(out);
    for (const p of out) for (const q of out) if (p !== q) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(14);
  });

  it("shortens long names", () => {
    expect(shortName("Santaizi Detention Centre, Shenyang")).toBe("Santaizi Detention…");
    expect(shortName("Hyesan / Ryanggang provincial state security detention")).toBe("Hyesan");
    expect(shortName("Kwanliso No. 15, Yodok political prison camp")).toBe("Kwanliso No. 15");
  });
});

describe("FacilityMap", () => {
  const m = en.map;
  const labels: FacilityMapLabels = { ...m, pointLabel: (name, level) => m.pointLabel.replace("{name}", name).replace("{level}", level) };
  const facilities: MapFacility[] = [
    { id: "f1", name: "Tumen Border Defense Detention (Review) Center", latitude: 42.967, longitude: 129.85, level: "HIGH", href: "/facilities/f1" },
    { id: "f2", name: "Onsong holding center", latitude: 42.956, longitude: 129.992, level: "IMMINENT", href: "/facilities/f2" },
    { id: "f3", name: "Onsong County labor training camp", latitude: 42.956, longitude: 129.992, level: null, href: "/facilities/f3" },
    { id: "f4", name: "Qingdao police station", latitude: 36.067, longitude: 120.383, level: "LOW", href: "/facilities/f4" },
    { id: "f5", name: "Political prison camps (unspecified)", latitude: null, longitude: null, level: "ELEVATED", href: "/facilities/f5" },
  ];
  const html = renderToStaticMarkup(createElement(FacilityMap, { facilities, labels }));

  it("links every facility with its name and level, listing those off the map", () => {
    expect(html).toContain('role="img"');
    expect(html).toContain("<title");
    expect(html).toContain('href="/facilities/f1" aria-label="Tumen Border Defense Detention (Review) Center — risk: High"');
    expect(html).toContain('href="/facilities/f2" aria-label="Onsong holding center — risk: Imminent"');
    expect(html).toContain('href="/facilities/f3" aria-label="Onsong County labor training camp — risk: Not assessed"');
    expect(html).toMatch(/href="\/facilities\/f4"[^>]*>Qingdao police station<\/a> — Low \(outside the map area\)/);
    expect(html).toMatch(/href="\/facilities\/f5"[^>]*>Political prison camps \(unspecified\)<\/a> — Elevated \(no coordinates recorded\)/);
    expect(html).toContain('width="100%"');
  });

  it("loads nothing from the network", () => {
    const urls = html.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(urls.filter((u) => u !== "http://www.w3.org/2000/svg")).toEqual([]);
  });
});
