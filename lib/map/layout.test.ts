import { describe, expect, it } from "vitest";
import {
  CLUSTER_HALO, clusterPoints, clusterRadius, labelRect, LAYOUT, layoutMap, placeLabels, POINT_RADIUS, spreadPoints,
  type LayoutStats, type MapItem, type Placed, type RankedPoint,
} from "./layout";

const SIZE = { width: 800, height: 600, fontSize: 11 };

/** Deterministic pseudo-random numbers (xorshift32). */
function prng(seed: number) {
  let s = seed;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

/** n points over the region the map's facilities fall in, many sharing a "city". */
function scatter(n: number, seed = 7): MapItem[] {
  const rand = prng(seed);
  const cities = Array.from({ length: 40 }, () => [80 + rand() * 640, 40 + rand() * 480] as const);
  return Array.from({ length: n }, (_, i) => {
    const [x, y] = rand() < 0.65 ? cities[Math.floor(rand() * cities.length)]! : [60 + rand() * 680, 30 + rand() * 540];
    return { id: `p${String(i).padStart(5, "0")}`, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, rank: Math.floor(rand() * 5), text: `Facility number ${i}` };
  });
}

/** The first version's spread, comparing each point with every point placed before it. */
function quadraticSpread(points: Placed[]): Placed[] {
  const round = (n: number) => Math.round(n * 10) / 10;
  const placed: Placed[] = [];
  for (const p of points) {
    let c = { ...p };
    for (let step = 1; step < 200 && placed.some((q) => Math.hypot(q.x - c.x, q.y - c.y) < 16); step++) {
      const r = 16 * Math.sqrt(step) * 0.75;
      c = { id: p.id, x: round(p.x + r * Math.cos(step * 2.4)), y: round(p.y + r * Math.sin(step * 2.4)) };
    }
    placed.push(c);
  }
  return placed;
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
const circleBox = (x: number, y: number, r: number): Box => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r });

describe("spreadPoints", () => {
  it("places points exactly as the first (quadratic) version did", () => {
    const pts = scatter(400, 3).map(({ id, x, y }) => ({ id, x, y }));
    expect(spreadPoints(pts)).toEqual(quadraticSpread(pts));
    const stacked = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, x: 400, y: 300 }));
    expect(spreadPoints(stacked)).toEqual(quadraticSpread(stacked));
  });

  it("gives up (null) when a bounded spread would move a point too far", () => {
    const stacked = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, x: 400, y: 300 }));
    expect(spreadPoints(stacked.slice(0, 4), 9)).not.toBeNull();
    expect(spreadPoints(stacked, 9)).toBeNull();
  });
});

describe("clusterPoints", () => {
  const pts: RankedPoint[] = scatter(2000);
  const clusters = clusterPoints(pts, 32);

  it("puts every point in exactly one cluster", () => {
    const ids = clusters.flatMap((c) => c.ids);
    expect(ids.length).toBe(pts.length);
    expect(new Set(ids).size).toBe(pts.length);
  });

  it("marks each cluster with its highest rank, on a member that has it, with every member within reach", () => {
    const byId = new Map(pts.map((p) => [p.id, p]));
    for (const c of clusters) {
      const members = c.ids.map((id) => byId.get(id)!);
      expect(c.rank).toBe(Math.max(...members.map((m) => m.rank)));
      expect(byId.get(c.ids[0]!)).toMatchObject({ x: c.x, y: c.y, rank: c.rank });
      for (const m of members) expect(Math.hypot(m.x - c.x, m.y - c.y)).toBeLessThanOrEqual(32);
    }
  });

  it("keeps markers a reach apart, so even the largest never overlap", () => {
    let closest = Infinity;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) closest = Math.min(closest, Math.hypot(clusters[i]!.x - clusters[j]!.x, clusters[i]!.y - clusters[j]!.y));
    }
    expect(closest).toBeGreaterThan(32);
    expect(2 * (clusterRadius(10_000) + CLUSTER_HALO)).toBeLessThanOrEqual(32);
  });

  it("is deterministic and independent of input order", () => {
    expect(clusterPoints([...pts].reverse(), 32)).toEqual(clusters);
  });
});

describe("placeLabels", () => {
  it("never overlaps a marker or another label when asked to stay clear, and stops at the limit", () => {
    const pts = scatter(300, 11);
    const texts = new Map(pts.map((p) => [p.id, p.text]));
    const labels = placeLabels(pts, texts, 11, 800, 600, { requireClear: true });
    expect(labels.size).toBeGreaterThan(20);
    const boxes = [...labels].map(([id, l]) => labelRect(l, texts.get(id)!, 11));
    const clashes: string[] = [];
    boxes.forEach((b, i) => {
      boxes.slice(i + 1).forEach((c, j) => overlaps(b, c) && clashes.push(`label ${i} × label ${i + 1 + j}`));
      pts.forEach((p) => overlaps(b, circleBox(p.x, p.y, POINT_RADIUS)) && clashes.push(`label ${i} × ${p.id}`));
      if (b.x0 < 0 || b.x1 > 800 || b.y0 < 0 || b.y1 > 600) clashes.push(`label ${i} outside`);
    });
    expect(clashes).toEqual([]);
    expect(placeLabels(pts, texts, 11, 800, 600, { requireClear: true, limit: 5 }).size).toBe(5);
  });

  it("keeps off boxes it is told to avoid (the country names)", () => {
    const p = { id: "a", x: 400, y: 300 };
    const texts = new Map([["a", "Somewhere"]]);
    const right = placeLabels([p], texts, 11, 800, 600).get("a")!;
    expect(right.anchor).toBe("start");
    const avoid = [labelRect(right, "Somewhere", 11)];
    const moved = placeLabels([p], texts, 11, 800, 600, { avoid, requireClear: true }).get("a")!;
    expect(overlaps(labelRect(moved, "Somewhere", 11), avoid[0]!)).toBe(false);
  });
});

describe("layoutMap", () => {
  it("gives a few well-spaced facilities a marker and a label each", () => {
    const few = scatter(24, 5).map((p, i) => ({ ...p, x: 100 + (i % 6) * 110, y: 100 + Math.floor(i / 6) * 110 }));
    const out = layoutMap(few, SIZE);
    expect(out.mode).toBe("points");
    expect(out.clusters).toEqual([]);
    expect(out.points.map((p) => p.id).sort()).toEqual(few.map((p) => p.id).sort());
    expect(out.labels.size).toBe(24);
  });

  it("spreads a handful sharing a city instead of clustering them", () => {
    const city = ["a", "b", "c"].map((id) => ({ id, x: 400, y: 300, rank: 2, text: id }));
    const out = layoutMap(city, SIZE);
    expect(out.mode).toBe("points");
    expect(out.points).toHaveLength(3);
  });

  describe("at 2,000 facilities", () => {
    const items = scatter(2000);
    const out = layoutMap(items, SIZE);
    const markers = [
      ...out.points.map((p) => circleBox(p.x, p.y, POINT_RADIUS)),
      ...out.clusters.map((c) => circleBox(c.x, c.y, clusterRadius(c.ids.length) + CLUSTER_HALO)),
    ];

    it("clusters, conserving every facility once", () => {
      expect(out.mode).toBe("clusters");
      const ids = [...out.points.map((p) => p.id), ...out.clusters.flatMap((c) => c.ids)];
      expect(ids.length).toBe(2000);
      expect(new Set(ids).size).toBe(2000);
      expect(out.clusters.every((c) => c.ids.length >= 2)).toBe(true);
      // Few enough markers for a page: bounded by the map's area, not by the facilities.
      expect(markers.length).toBeLessThan(400);
    });

    it("draws no marker over another", () => {
      const clashes: string[] = [];
      markers.forEach((a, i) => markers.slice(i + 1).forEach((b, j) => {
        const [ra, rb] = [(a.x1 - a.x0) / 2, (b.x1 - b.x0) / 2];
        if (Math.hypot(a.x0 + ra - (b.x0 + rb), a.y0 + ra - (b.y0 + rb)) < ra + rb) clashes.push(`${i} × ${i + 1 + j}`);
      }));
      expect(clashes).toEqual([]);
    });

    it("labels only single markers, bounded, never overlapping", () => {
      const single = new Set(out.points.map((p) => p.id));
      expect([...out.labels.keys()].every((id) => single.has(id))).toBe(true);
      expect(out.labels.size).toBeLessThanOrEqual(LAYOUT.maxLabels);
      const text = new Map(items.map((i) => [i.id, i.text]));
      const boxes = [...out.labels].map(([id, l]) => labelRect(l, text.get(id)!, SIZE.fontSize));
      expect(boxes.length).toBeGreaterThan(0);
      const clashes: string[] = [];
      boxes.forEach((b, i) => {
        boxes.slice(i + 1).forEach((c, j) => overlaps(b, c) && clashes.push(`label ${i} × label ${i + 1 + j}`));
        markers.forEach((m, j) => overlaps(b, m) && clashes.push(`label ${i} × marker ${j}`));
      });
      expect(clashes).toEqual([]);
    });
  });

  it("grows about linearly: twice the facilities, at most about twice the work", () => {
    const work = (items: MapItem[]) => {
      const stats: LayoutStats = { checks: 0 };
      layoutMap(items, SIZE, stats);
      return stats.checks;
    };
    for (const make of [
      (n: number) => scatter(n),
      // Everything in one city, and everything on one street: the worst cases for a grid.
      (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, x: 400, y: 300, rank: i % 5, text: "x" })),
      (n: number) => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, x: 100 + (i * 600) / n, y: 300, rank: i % 5, text: "x" })),
    ]) {
      const [a, b] = [work(make(2000)), work(make(4000))];
      expect(b / a).toBeLessThan(2.5);
      expect(b / 4000).toBeLessThan(40);
    }
    // The first version compared every pair: ~2 million checks at 2,000 points.
    expect(work(scatter(2000))).toBeLessThan(50_000);
  });
});
