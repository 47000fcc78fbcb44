// Deterministic placement of facility points, clusters and labels on the map, kept apart from
// the markup so it can be tested without React. All units are viewBox units (800×600).
//
// Every collision test goes through a uniform grid (spatial hash), so each test looks at a
// bounded neighbourhood instead of every earlier point: the whole layout is O(n log n) (one
// sort) with O(n) grid work, where the first version compared each point with all others
// (3.5 s of CPU at 2,000 facilities).

export type Placed = { id: string; x: number; y: number };
/** `leader`: the label sits away from its point, so a thin line joins them. */
export type LabelBox = { x: number; y: number; anchor: "start" | "end" | "middle"; leader?: [number, number, number, number] };

export const POINT_RADIUS = 7;
const MIN_GAP = POINT_RADIUS * 2 + 2;

/** Optional operation counters, so tests can check growth without timing anything. */
export type LayoutStats = { checks: number };

const idOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Highest rank first, then by id. */
const urgencyOrder = (a: RankedPoint, b: RankedPoint) => b.rank - a.rank || idOrder(a, b);

// ---------------------------------------------------------------------------------------------
// Grids

function cellKey(cx: number, cy: number): number {
  // Cells stay well inside ±2^20 for any coordinates a map produces; the key is an exact integer.
  return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
}

/** Points bucketed by cell; `near` visits the points of the cells a disc can touch. */
class PointGrid {
  private cells = new Map<number, Placed[]>();
  constructor(private readonly size: number) {}

  add(p: Placed) {
    const k = cellKey(Math.floor(p.x / this.size), Math.floor(p.y / this.size));
    const cell = this.cells.get(k);
    if (cell) cell.push(p);
    else this.cells.set(k, [p]);
  }

  /** How many points share the cell of (x, y). */
  cellSize(x: number, y: number): number {
    return this.cells.get(cellKey(Math.floor(x / this.size), Math.floor(y / this.size)))?.length ?? 0;
  }

  /** How many points lie within `r` of (x, y) (itself included), counting up to `enough`. */
  countWithin(x: number, y: number, r: number, enough: number, stats?: LayoutStats): number {
    let n = 0;
    const s = this.size;
    for (let cx = Math.floor((x - r) / s); cx <= Math.floor((x + r) / s); cx++) {
      for (let cy = Math.floor((y - r) / s); cy <= Math.floor((y + r) / s); cy++) {
        const cell = this.cells.get(cellKey(cx, cy));
        if (!cell) continue;
        for (const q of cell) {
          if (stats) stats.checks++;
          if (Math.hypot(q.x - x, q.y - y) <= r && ++n >= enough) return n;
        }
      }
    }
    return n;
  }

  /** Whether any point lies closer than `r` to (x, y). */
  anyWithin(x: number, y: number, r: number, stats?: LayoutStats): boolean {
    const s = this.size;
    for (let cx = Math.floor((x - r) / s); cx <= Math.floor((x + r) / s); cx++) {
      for (let cy = Math.floor((y - r) / s); cy <= Math.floor((y + r) / s); cy++) {
        const cell = this.cells.get(cellKey(cx, cy));
        if (!cell) continue;
        for (const q of cell) {
          if (stats) stats.checks++;
          if (Math.hypot(q.x - x, q.y - y) < r) return true;
        }
      }
    }
    return false;
  }
}

export type Rect = { x0: number; y0: number; x1: number; y1: number };

/** Rectangles bucketed in every cell they cover; a query visits each rectangle once. */
class RectGrid {
  private cells = new Map<number, number[]>();
  private rects: Rect[] = [];
  private seen: number[] = [];
  private query = 0;
  constructor(private readonly size: number) {}

  add(r: Rect) {
    const i = this.rects.length;
    this.rects.push(r);
    this.seen.push(0);
    this.eachCell(r, (k) => {
      const cell = this.cells.get(k);
      if (cell) cell.push(i);
      else this.cells.set(k, [i]);
    });
  }

  /** Total overlapping area between `r` and the stored rectangles. */
  overlapArea(r: Rect, stats?: LayoutStats): number {
    const q = ++this.query;
    let sum = 0;
    this.eachCell(r, (k) => {
      const cell = this.cells.get(k);
      if (!cell) return;
      for (const i of cell) {
        if (this.seen[i] === q) continue;
        this.seen[i] = q;
        if (stats) stats.checks++;
        sum += overlap(r, this.rects[i]!);
      }
    });
    return sum;
  }

  private eachCell(r: Rect, fn: (key: number) => void) {
    const s = this.size;
    for (let cx = Math.floor(r.x0 / s); cx <= Math.floor(r.x1 / s); cx++) {
      for (let cy = Math.floor(r.y0 / s); cy <= Math.floor(r.y1 / s); cy++) fn(cellKey(cx, cy));
    }
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

// ---------------------------------------------------------------------------------------------
// Spreading points that share a place

const SPREAD_STEPS = 200;

/** Offset of spiral step `step` (≥ 1) from the original point. */
function spiral(step: number): [number, number] {
  const angle = step * 2.4; // golden-angle-ish spiral spreads evenly without a PRNG
  const radius = MIN_GAP * Math.sqrt(step) * 0.75;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** How far a point may move when spread at most `steps` spiral steps. */
export function spreadReach(steps: number): number {
  return MIN_GAP * Math.sqrt(steps) * 0.75;
}

/**
 * Several facilities share a city centroid: walk each clashing point out along a fixed
 * spiral until it clears every point already placed. Input order decides who stays put,
 * so callers sort to keep the output stable. With `maxSteps`, a point that does not clear
 * within that many steps makes the whole spread give up (returns null): the caller then
 * clusters instead of drawing points far from where they belong.
 */
export function spreadPoints(points: Placed[]): Placed[];
export function spreadPoints(points: Placed[], maxSteps: number, stats?: LayoutStats): Placed[] | null;
export function spreadPoints(points: Placed[], maxSteps?: number, stats?: LayoutStats): Placed[] | null {
  const grid = new PointGrid(MIN_GAP);
  const placed: Placed[] = [];
  // Without a limit, the last step is taken whether or not it clears (the map stays usable).
  const limit = maxSteps ?? SPREAD_STEPS - 1;
  for (const p of points) {
    let candidate: Placed = { id: p.id, x: p.x, y: p.y };
    let step = 0;
    while (grid.anyWithin(candidate.x, candidate.y, MIN_GAP, stats)) {
      if (step === limit) {
        if (maxSteps !== undefined) return null;
        break;
      }
      step++;
      const [dx, dy] = spiral(step);
      candidate = { id: p.id, x: round(p.x + dx), y: round(p.y + dy) };
    }
    grid.add(candidate);
    placed.push(candidate);
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// Clusters

export type RankedPoint = Placed & { rank: number };
/** A marker standing for `ids` (first: the seed, whose place it takes); `rank`: the highest. */
export type Cluster = { x: number; y: number; ids: string[]; rank: number };

/**
 * Greedy clustering in projected space: take points from the most urgent (highest rank, then
 * id), and let each point not yet taken gather every untaken point within `radius` of it. The
 * marker sits on that seed, a real facility with the group's highest rank, and every member is
 * within `radius` of its marker; two markers are never closer than `radius` (a later seed was
 * outside every earlier seed's reach). Points are bucketed in a grid of `radius`-sized cells
 * and taken points are dropped from their bucket, so each point is looked at a bounded number
 * of times.
 */
export function clusterPoints(points: RankedPoint[], radius: number, stats?: LayoutStats): Cluster[] {
  const order = [...points].sort(urgencyOrder);
  const taken = new Uint8Array(order.length);
  const cells = new Map<number, number[]>();
  order.forEach((p, i) => {
    const k = cellKey(Math.floor(p.x / radius), Math.floor(p.y / radius));
    const cell = cells.get(k);
    if (cell) cell.push(i);
    else cells.set(k, [i]);
  });
  const out: Cluster[] = [];
  for (let s = 0; s < order.length; s++) {
    if (taken[s]) continue;
    taken[s] = 1;
    const seed = order[s]!;
    const ids = [seed.id];
    const scx = Math.floor(seed.x / radius);
    const scy = Math.floor(seed.y / radius);
    for (let cx = scx - 1; cx <= scx + 1; cx++) {
      for (let cy = scy - 1; cy <= scy + 1; cy++) {
        const k = cellKey(cx, cy);
        const cell = cells.get(k);
        if (!cell) continue;
        // Keep only the points still free, so no later seed looks at a taken one again.
        let kept = 0;
        for (const i of cell) {
          if (taken[i]) continue;
          const q = order[i]!;
          if (stats) stats.checks++;
          if (Math.hypot(q.x - seed.x, q.y - seed.y) <= radius) {
            taken[i] = 1;
            ids.push(q.id);
          } else cell[kept++] = i;
        }
        if (kept) cell.length = kept;
        else cells.delete(k);
      }
    }
    out.push({ x: seed.x, y: seed.y, ids, rank: seed.rank });
  }
  return out;
}

/** Drawn around a cluster marker, beyond its radius. */
export const CLUSTER_HALO = 3;

/** Radius of a cluster marker: grows with the digits of the count. */
export function clusterRadius(count: number): number {
  return count < 10 ? 9 : count < 100 ? 11 : 13;
}

// ---------------------------------------------------------------------------------------------
// Labels

export type Obstacle = { x: number; y: number; r: number };
export type LabelOptions = {
  /** Markers labels must avoid besides the points themselves (e.g. clusters). */
  obstacles?: Obstacle[];
  /** Other boxes to keep clear of (e.g. country names). */
  avoid?: Rect[];
  /** Leave a point unlabelled rather than overlap anything (its name stays in its link). */
  requireClear?: boolean;
  /** At most this many labels, in input order. */
  limit?: number;
  stats?: LayoutStats;
};

const LABEL_CELL = 32;

/** Greedy label placement: first candidate position that hits no point or earlier label. */
export function placeLabels(points: Placed[], texts: Map<string, string>, fontSize: number, width: number, height: number, options: LabelOptions = {}): Map<string, LabelBox> {
  const { obstacles = [], avoid = [], requireClear = false, limit = Infinity, stats } = options;
  const taken = new RectGrid(LABEL_CELL);
  for (const p of points) taken.add({ x0: p.x - POINT_RADIUS, y0: p.y - POINT_RADIUS, x1: p.x + POINT_RADIUS, y1: p.y + POINT_RADIUS });
  for (const o of obstacles) taken.add({ x0: o.x - o.r, y0: o.y - o.r, x1: o.x + o.r, y1: o.y + o.r });
  for (const r of avoid) taken.add(r);
  const out = new Map<string, LabelBox>();
  for (const p of points) {
    if (out.size >= limit) break;
    const text = texts.get(p.id) ?? "";
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
    const rectOf = (c: LabelBox): Rect => labelRect(c, text, fontSize);
    const outside = (r: Rect) => r.x0 < 0 || r.x1 > width || r.y0 < 0 || r.y1 > height;
    const score = (r: Rect) => taken.overlapArea(r, stats) + (outside(r) ? 1e6 : 0);
    let best = candidates[0]!;
    let bestScore = Infinity;
    for (const c of candidates) {
      const s = score(rectOf(c));
      if (s < bestScore) [best, bestScore] = [c, s];
      if (s <= 0) break;
    }
    if (requireClear && bestScore > 0) continue;
    taken.add(rectOf(best));
    out.set(p.id, best);
  }
  return out;
}

/** The box a label occupies (for tests and callers that check overlaps). */
export function labelRect(label: LabelBox, text: string, fontSize: number): Rect {
  const w = text.length * fontSize * 0.56;
  const x0 = label.anchor === "start" ? label.x : label.anchor === "end" ? label.x - w : label.x - w / 2;
  return { x0: x0 - 1, y0: label.y - fontSize, x1: x0 + w + 1, y1: label.y + 3 };
}

// ---------------------------------------------------------------------------------------------
// The whole map

export type MapItem = RankedPoint & { text: string };
export type MapLayout = {
  /** "points": every facility has its own marker; "clusters": nearby facilities share one. */
  mode: "points" | "clusters";
  /** Markers for one facility each. */
  points: Placed[];
  /** Markers for two or more facilities (only in "clusters" mode). */
  clusters: Cluster[];
  labels: Map<string, LabelBox>;
};

export const LAYOUT = {
  /** Up to this many facilities, try to give each its own marker. */
  maxPoints: 80,
  /** …as long as no point has to move further than this from its place. */
  maxSpreadSteps: 9,
  /** Cluster reach: markers are at least this far apart, members this close to theirs. */
  clusterRadius: 32,
  /** A facility with no other this close is never clustered: the largest group marker's halo
   * (16) and a point (7) fit in between. */
  isolation: 25,
  /** Labels drawn at most, the most urgent first. */
  maxLabels: 60,
} as const;

/**
 * Lays out the map: each facility on its own marker when there are few and spreading them
 * moves none far; otherwise facilities with no other nearby keep their own marker and the rest
 * are clustered (`clusterPoints`). Labels only for single markers, most urgent first, at most
 * `maxLabels`; a label that would overlap a marker or another label is left out (the name
 * stays in the marker's accessible name and tooltip). The demo's 24 facilities all get one.
 */
export function layoutMap(items: MapItem[], size: { width: number; height: number; fontSize: number; avoid?: Rect[] }, stats?: LayoutStats): MapLayout {
  const avoid = size.avoid ?? [];
  const texts = new Map(items.map((i) => [i.id, i.text]));
  // Input order decides who stays put when spreading: by id, so a facility keeps its place
  // when another's level changes.
  const byId = [...items].sort(idOrder);
  if (items.length <= LAYOUT.maxPoints) {
    const byUrgency = [...items].sort(urgencyOrder);
    const spread = spreadPoints(byId, LAYOUT.maxSpreadSteps, stats);
    if (spread) {
      const at = new Map(spread.map((p) => [p.id, p]));
      const ordered = byUrgency.map((i) => at.get(i.id)!);
      const labels = placeLabels(ordered, texts, size.fontSize, size.width, size.height, { avoid, requireClear: true, limit: LAYOUT.maxLabels, stats });
      return { mode: "points", points: spread, clusters: [], labels };
    }
  }
  // A facility with no other within `isolation` keeps its own marker: clustering is for places
  // where markers would collide, and no group marker can come close enough to touch it.
  // Cells half as wide as the reach: two points sharing a cell are within it, so a crowded
  // cell is settled at once and only points alone in their cell look at their neighbours.
  const grid = new PointGrid(LAYOUT.isolation / 2);
  for (const i of items) grid.add(i);
  const alone: Placed[] = [];
  const crowded: RankedPoint[] = [];
  for (const i of byId) {
    const isAlone = grid.cellSize(i.x, i.y) < 2 && grid.countWithin(i.x, i.y, LAYOUT.isolation, 2, stats) < 2;
    if (isAlone) alone.push({ id: i.id, x: i.x, y: i.y });
    else crowded.push(i);
  }
  const groups = clusterPoints(crowded, LAYOUT.clusterRadius, stats);
  const points: Placed[] = [...alone];
  const clusters: Cluster[] = [];
  const rankOf = new Map(items.map((i) => [i.id, i.rank]));
  for (const g of groups) {
    if (g.ids.length === 1) points.push({ id: g.ids[0]!, x: g.x, y: g.y });
    else clusters.push(g);
  }
  const labelOrder = [...points].sort((a, b) => rankOf.get(b.id)! - rankOf.get(a.id)! || idOrder(a, b));
  const labels = placeLabels(labelOrder, texts, size.fontSize, size.width, size.height, {
    obstacles: clusters.map((c) => ({ x: c.x, y: c.y, r: clusterRadius(c.ids.length) + CLUSTER_HALO })),
    avoid,
    requireClear: true,
    limit: LAYOUT.maxLabels,
    stats,
  });
  return { mode: "clusters", points, clusters, labels };
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
