// Deterministic placement of facility points and their labels on the map, kept apart from
// the markup so it can be tested without React. All units are viewBox units (800×600).

export type Placed = { id: string; x: number; y: number };
/** `leader`: the label sits away from its point, so a thin line joins them. */
export type LabelBox = { x: number; y: number; anchor: "start" | "end" | "middle"; leader?: [number, number, number, number] };

export const POINT_RADIUS = 7;
const MIN_GAP = POINT_RADIUS * 2 + 2;

/**
 * Several facilities share a city centroid: walk each clashing point out along a fixed
 * spiral until it clears every point already placed. Input order decides who stays put,
 * so callers sort by id to keep the output stable.
 */
export function spreadPoints(points: Placed[]): Placed[] {
  const placed: Placed[] = [];
  for (const p of points) {
    let candidate = { ...p };
    for (let step = 1; step < 200 && placed.some((q) => Math.hypot(q.x - candidate.x, q.y - candidate.y) < MIN_GAP); step++) {
      const angle = step * 2.4; // golden-angle-ish spiral spreads evenly without a PRNG
      const radius = MIN_GAP * Math.sqrt(step) * 0.75;
      candidate = { id: p.id, x: round(p.x + radius * Math.cos(angle)), y: round(p.y + radius * Math.sin(angle)) };
    }
    placed.push(candidate);
  }
  return placed;
}

type Rect = { x0: number; y0: number; x1: number; y1: number };

/** Greedy label placement: first candidate position that hits no point or earlier label. */
export function placeLabels(points: Placed[], texts: Map<string, string>, fontSize: number, width: number, height: number): Map<string, LabelBox> {
  const taken: Rect[] = points.map((p) => ({ x0: p.x - POINT_RADIUS, y0: p.y - POINT_RADIUS, x1: p.x + POINT_RADIUS, y1: p.y + POINT_RADIUS }));
  const out = new Map<string, LabelBox>();
  for (const p of points) {
    const text = texts.get(p.id) ?? "";
    const w = text.length * fontSize * 0.56;
    const h = fontSize;
    const d = POINT_RADIUS + 3;
    const candidates: LabelBox[] = [
      { x: p.x + d, y: p.y + h / 3, anchor: "start" },
      { x: p.x - d, y: p.y + h / 3, anchor: "end" },
      { x: p.x + d - 2, y: p.y - d + 1, anchor: "start" },
      { x: p.x + d - 2, y: p.y + d + h / 2, anchor: "start" },
      { x: p.x - d + 2, y: p.y - d + 1, anchor: "end" },
      { x: p.x - d + 2, y: p.y + d + h / 2, anchor: "end" },
      { x: p.x, y: p.y - d - 1, anchor: "middle" },
      { x: p.x, y: p.y + d + h, anchor: "middle" },
    ];
    // Crowded clusters (the Tumen bend): step further out to either side, with a leader line.
    for (const dy of [-1, 1, -2, 2, -3, 3]) {
      const y = p.y + dy * (h + 2) + h / 3;
      const ly = y - h / 3;
      candidates.push({ x: p.x + d + 14, y, anchor: "start", leader: [p.x + POINT_RADIUS, p.y, p.x + d + 12, ly] });
      candidates.push({ x: p.x - d - 14, y, anchor: "end", leader: [p.x - POINT_RADIUS, p.y, p.x - d - 12, ly] });
    }
    const rectOf = (c: LabelBox): Rect => {
      const x0 = c.anchor === "start" ? c.x : c.anchor === "end" ? c.x - w : c.x - w / 2;
      return { x0: x0 - 1, y0: c.y - h, x1: x0 + w + 1, y1: c.y + 3 };
    };
    const score = (r: Rect) =>
      taken.reduce((s, t) => s + overlap(r, t), 0) + (r.x0 < 0 || r.x1 > width || r.y0 < 0 || r.y1 > height ? 1e6 : 0);
    let best = candidates[0]!;
    let bestScore = Infinity;
    for (const c of candidates) {
      const s = score(rectOf(c));
      if (s < bestScore) [best, bestScore] = [c, s];
      if (s === 0) break;
    }
    taken.push(rectOf(best));
    out.set(p.id, best);
  }
  return out;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** "Onsong County state security (MSS) holding/interrogation center" → "Onsong County state…". */
export function shortName(name: string, max = 22): string {
  const first = name.replace(/\s*\([^)]*\)/g, "").split(/\s+\/\s+|,\s*/)[0]!.trim() || name.trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s/'-]+$/, "")}…`;
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}
