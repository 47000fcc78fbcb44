import { northeastAsiaMap, type BBox, type CountryCode } from "@/lib/map/northeast-asia";
import { CLUSTER_HALO, clusterRadius, layoutMap, POINT_RADIUS, shortName, type Cluster } from "@/lib/map/layout";

export type RiskLevel = "LOW" | "ELEVATED" | "HIGH" | "IMMINENT";
type LevelKey = RiskLevel | "NONE";

export type MapFacility = {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  level: RiskLevel | null;
  href: string;
};

/** Already translated by the caller (messages namespace "map"; see `facilityMapLabels`). */
export type FacilityMapLabels = {
  title: string;
  desc: string;
  caption: string;
  legend: string;
  border: string;
  notShown: string;
  noCoordinates: string;
  outsideArea: string;
  level: Record<LevelKey, string>;
  initial: Record<LevelKey, string>;
  country: Record<CountryCode, string>;
  /** Accessible name of one point, e.g. "Tumen … — risk: High". */
  pointLabel: (name: string, level: string) => string;
  // Used only when there are too many facilities for a marker each. Optional so that callers
  // built before clustering still compile; English stands in when they are missing.
  /** Accessible name of a group marker, e.g. "12 facilities, highest: High". */
  clusterLabel?: (count: number, level: string) => string;
  /** Caption line explaining group markers. */
  clusterCaption?: string;
  /** Legend entry for a group marker. */
  clusterLegend?: string;
  /** Link under a shortened "not shown" list: "12 more facilities — see the facilities list". */
  moreLink?: (count: number) => string;
  /** The same when every facility left out is at low or unknown risk. */
  moreLowLink?: (count: number) => string;
};

const ENGLISH = {
  clusterLabel: (count: number, level: string) => `${count} facilities, highest: ${level}`,
  clusterCaption: "Where facilities are too close together to show one by one, a circle with a number stands for the group, coloured by the highest risk among them and linked to the facilities list.",
  clusterLegend: "Group of nearby facilities (how many), coloured by the highest risk",
  moreLink: (count: number) => `${count} more ${count === 1 ? "facility" : "facilities"} — see the facilities list`,
  moreLowLink: (count: number) => `${count} more ${count === 1 ? "facility" : "facilities"} at low or unknown risk — see the facilities list`,
};

// Colour is doubled by the level initial in the point and by the legend text.
const FILL: Record<LevelKey, { fill: string; text: string }> = {
  LOW: { fill: "#15803d", text: "#ffffff" },
  ELEVATED: { fill: "#facc15", text: "#1c1917" },
  HIGH: { fill: "#ea580c", text: "#ffffff" },
  IMMINENT: { fill: "#b91c1c", text: "#ffffff" },
  NONE: { fill: "#a8a29e", text: "#1c1917" },
};
const LEVELS: LevelKey[] = ["IMMINENT", "HIGH", "ELEVATED", "LOW", "NONE"];
/** Urgency order: clusters are seeded, labels placed and lists cut from the top. */
const RANK: Record<LevelKey, number> = { IMMINENT: 4, HIGH: 3, ELEVATED: 2, LOW: 1, NONE: 0 };
const BY_RANK: LevelKey[] = ["NONE", "LOW", "ELEVATED", "HIGH", "IMMINENT"];
const LAND: Record<CountryCode, string> = { CN: "#f5f5f4", KP: "#e7e5e4", KR: "#f5f5f4", RU: "#f5f5f4", JP: "#f5f5f4" };
// Where each country's name sits, in lon/lat, chosen by eye to stay clear of the border points.
const COUNTRY_LABEL: Record<CountryCode, [number, number]> = { CN: [123.2, 44.8], KP: [127.1, 40.4], KR: [128.2, 37.3], RU: [132.2, 45.4], JP: [132.5, 37.2] };
const FONT = 11;
/** Facilities without a place on the map listed one by one; the rest are counted and linked. */
const NOT_SHOWN_MAX = 20;
/** Names in a group marker's tooltip. */
const CLUSTER_NAMES = 3;

const levelOf = (f: MapFacility): LevelKey => f.level ?? "NONE";
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Everything the map draws, with every text already translated: a pure function of the
 * facilities and labels, so a page can compute it once per change of the registry and reuse it
 * (the dashboard does: app/(app)/_components/dashboard-map.ts) — the layout and the thousands of
 * labels of a large registry then cost nothing per request.
 */
export type FacilityMapModel = ReturnType<typeof facilityMapModel>;

export function facilityMapModel(facilities: MapFacility[], labels: FacilityMapLabels, box?: BBox, listHref = "/facilities") {
  const map = northeastAsiaMap(box);
  const [, , width, height] = map.viewBox.split(" ").map(Number) as [number, number, number, number];
  const text = { ...ENGLISH, ...definedOnly(labels) };

  const onMap: { f: MapFacility; x: number; y: number }[] = [];
  const offMap: { f: MapFacility; reason: string }[] = [];
  for (const f of facilities) {
    const p = f.latitude == null || f.longitude == null ? undefined : map.project(f.longitude, f.latitude);
    if (p) onMap.push({ f, x: p[0], y: p[1] });
    else offMap.push({ f, reason: p === undefined ? labels.noCoordinates : labels.outsideArea });
  }
  const countryNames = map.countries.flatMap((c) => {
    const p = map.project(...COUNTRY_LABEL[c.code]);
    return p ? [{ id: c.id, x: p[0], y: p[1], text: labels.country[c.code] }] : [];
  });
  const names = new Map(onMap.map(({ f }) => [f.id, shortName(f.name)]));
  const layout = layoutMap(
    onMap.map(({ f, x, y }) => ({ id: f.id, x, y, rank: RANK[levelOf(f)], text: names.get(f.id)! })),
    // Labels keep off the country names (16px, letter-spaced, centred).
    { width, height, fontSize: FONT, avoid: countryNames.map(({ x, y, text }) => ({ x0: x - countryWidth(text) / 2, y0: y - 14, x1: x + countryWidth(text) / 2, y1: y + 3 })) },
  );
  const facility = new Map(onMap.map(({ f }) => [f.id, f]));
  const clustered = layout.clusters.length > 0;

  offMap.sort((a, b) => RANK[levelOf(b.f)] - RANK[levelOf(a.f)] || byId(a.f, b.f));
  const listed = offMap.length > NOT_SHOWN_MAX ? offMap.slice(0, NOT_SHOWN_MAX) : offMap;
  const unlisted = offMap.slice(listed.length);
  const unlistedAllLow = unlisted.every(({ f }) => RANK[levelOf(f)] <= RANK.LOW);

  const clusterName = (c: Cluster) => text.clusterLabel(c.ids.length, labels.level[BY_RANK[c.rank]!]);
  const clusterTitle = (c: Cluster) => {
    const top = c.ids.map((id) => facility.get(id)!).sort((a, b) => RANK[levelOf(b)] - RANK[levelOf(a)] || byId(a, b)).slice(0, CLUSTER_NAMES);
    const lines = top.map((f) => labels.pointLabel(f.name, labels.level[levelOf(f)]));
    return [clusterName(c), ...lines, ...(c.ids.length > CLUSTER_NAMES ? ["…"] : [])].join("\n");
  };

  return {
    mode: layout.mode, viewBox: map.viewBox, width, height, listHref,
    countries: map.countries.map((c) => ({ id: c.id, d: c.d, fill: LAND[c.code] })),
    border: map.border,
    countryNames,
    clustered,
    clusters: layout.clusters.map((c) => {
      const key = BY_RANK[c.rank]!;
      const r = clusterRadius(c.ids.length);
      return { id: c.ids[0]!, key, x: c.x, y: c.y, r, count: c.ids.length, badge: { x: c.x + r * 0.75, y: c.y - r * 0.75 }, name: clusterName(c), title: clusterTitle(c) };
    }),
    points: layout.points.map((p) => {
      const f = facility.get(p.id)!;
      const key = levelOf(f);
      return { id: p.id, href: f.href, key, x: p.x, y: p.y, name: labels.pointLabel(f.name, labels.level[key]), shortName: names.get(p.id)!, label: layout.labels.get(p.id) ?? null };
    }),
    offMap: offMap.length,
    listed: listed.map(({ f, reason }) => ({ id: f.id, href: f.href, name: f.name, level: labels.level[levelOf(f)], reason })),
    more: unlisted.length > 0 ? (unlistedAllLow ? text.moreLowLink(unlisted.length) : text.moreLink(unlisted.length)) : null,
    text: {
      title: labels.title, desc: labels.desc, caption: labels.caption, legend: labels.legend, border: labels.border, notShown: labels.notShown,
      clusterCaption: text.clusterCaption, clusterLegend: text.clusterLegend, level: labels.level, initial: labels.initial,
    },
  };
}

/**
 * The facilities on a static map of the border region (server-rendered SVG, no tiles, no
 * script). A few facilities get a marker and a label each; many (the dashboard of a large
 * registry) are grouped into numbered markers coloured by their highest level, with labels only
 * for facilities that stand alone — see `layoutMap`. Either way the output stays small: about
 * 30 KB of HTML for the demo's 24 facilities, under 100 KB for 2,000.
 */
export function FacilityMap({ facilities, labels, box, listHref = "/facilities" }: {
  facilities: MapFacility[];
  labels: FacilityMapLabels;
  box?: BBox;
  /** Where group markers and the "more" line lead: the full list of facilities. */
  listHref?: string;
}) {
  return <FacilityMapView model={facilityMapModel(facilities, labels, box, listHref)} />;
}

/** Draws a model computed by `facilityMapModel`. */
export function FacilityMapView({ model: m }: { model: FacilityMapModel }) {
  const titleId = "facility-map-title";
  const descId = "facility-map-desc";
  const { text } = m;

  return (
    <figure className="max-w-full" data-testid="facility-map" data-mode={m.mode}>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={m.viewBox} width="100%" className="h-auto max-w-full rounded border border-stone-300" xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>{text.title}</title>
        <desc id={descId}>{text.desc}</desc>
        <rect width={m.width} height={m.height} fill="#e0f2fe" />
        <g stroke="#a8a29e" strokeWidth={0.7}>
          {m.countries.map((c) => (
            <path key={c.id} d={c.d} fill={c.fill} />
          ))}
        </g>
        <path d={m.border} fill="none" stroke="#7c2d12" strokeWidth={2.5} strokeDasharray="6 3" strokeLinejoin="round" />
        <g fontSize={16} fill="#78716c" fontWeight={600} letterSpacing={1} aria-hidden="true">
          {m.countryNames.map((c) => (
            <text key={c.id} x={c.x} y={c.y} textAnchor="middle">{c.text}</text>
          ))}
        </g>
        {m.clustered ? (
          <g textAnchor="middle" fontWeight={700}>
            {m.clusters.map((c) => (
              <a key={c.id} href={m.listHref} aria-label={c.name} className="group outline-none">
                <title>{c.title}</title>
                <circle cx={c.x} cy={c.y} r={c.r + CLUSTER_HALO} fill={FILL[c.key].fill} fillOpacity={0.35} />
                <circle cx={c.x} cy={c.y} r={c.r} fill={FILL[c.key].fill} stroke="#1c1917" className="group-hover:stroke-2 group-focus-visible:stroke-[3px]" />
                <text x={c.x} y={c.y + 3.5} fontSize={10} fill={FILL[c.key].text} aria-hidden="true">{c.count}</text>
                <circle cx={c.badge.x} cy={c.badge.y} r={5} fill="#ffffff" stroke="#1c1917" strokeWidth={0.8} />
                <text x={c.badge.x} y={c.badge.y + 2.5} fontSize={7} fill="#1c1917" aria-hidden="true">{text.initial[c.key]}</text>
              </a>
            ))}
          </g>
        ) : null}
        <g fontSize={FONT}>
          {m.points.map((p) => (
            <a key={p.id} href={p.href} aria-label={p.name} className="group outline-none">
              <title>{p.name}</title>
              <circle cx={p.x} cy={p.y} r={POINT_RADIUS} fill={FILL[p.key].fill} stroke="#1c1917" className="group-hover:stroke-2 group-focus-visible:stroke-[3px]" />
              <text x={p.x} y={p.y + 3.5} textAnchor="middle" fontSize={9} fontWeight={700} fill={FILL[p.key].text} aria-hidden="true">
                {text.initial[p.key]}
              </text>
              {p.label?.leader ? <line x1={p.label.leader[0]} y1={p.label.leader[1]} x2={p.label.leader[2]} y2={p.label.leader[3]} stroke="#57534e" strokeWidth={0.8} /> : null}
              {p.label ? (
                <text x={p.label.x} y={p.label.y} textAnchor={p.label.anchor} fill="#1c1917" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" className="group-hover:underline group-focus-visible:underline" aria-hidden="true">
                  {p.shortName}
                </text>
              ) : null}
            </a>
          ))}
        </g>
      </svg>
      <figcaption className="mt-2 space-y-2 text-sm text-stone-700">
        <p>{text.caption}</p>
        {m.clustered ? <p>{text.clusterCaption}</p> : null}
        <div>
          <p className="font-medium">{text.legend}</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {LEVELS.map((k) => (
              <li key={k} className="inline-flex items-center gap-1.5">
                <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
                  <circle cx="9" cy="9" r="8" fill={FILL[k].fill} stroke="#1c1917" />
                  <text x="9" y="12.5" textAnchor="middle" fontSize="10" fontWeight="700" fill={FILL[k].text}>{text.initial[k]}</text>
                </svg>
                {text.level[k]}
              </li>
            ))}
            {m.clustered ? (
              <li className="inline-flex items-center gap-1.5">
                <svg width="26" height="24" viewBox="0 0 26 24" aria-hidden="true">
                  <circle cx="11" cy="13" r="10" fill={FILL.HIGH.fill} fillOpacity={0.35} />
                  <circle cx="11" cy="13" r="8" fill={FILL.HIGH.fill} stroke="#1c1917" />
                  <text x="11" y="16.5" textAnchor="middle" fontSize="10" fontWeight="700" fill={FILL.HIGH.text}>12</text>
                  <circle cx="19" cy="6" r="5" fill="#ffffff" stroke="#1c1917" strokeWidth={0.8} />
                  <text x="19" y="8.5" textAnchor="middle" fontSize="7" fontWeight="700" fill="#1c1917">{text.initial.HIGH}</text>
                </svg>
                {text.clusterLegend}
              </li>
            ) : null}
            <li className="inline-flex items-center gap-1.5">
              <svg width="24" height="18" viewBox="0 0 24 18" aria-hidden="true">
                <line x1="1" y1="9" x2="23" y2="9" stroke="#7c2d12" strokeWidth="2.5" strokeDasharray="6 3" />
              </svg>
              {text.border}
            </li>
          </ul>
        </div>
        {m.offMap > 0 ? (
          <div>
            <p className="font-medium">{text.notShown}</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {m.listed.map((f) => (
                <li key={f.id} className="break-words">
                  <a href={f.href} className="underline">{f.name}</a> — {f.level} ({f.reason})
                </li>
              ))}
            </ul>
            {m.more ? (
              <p className="mt-1">
                <a href={m.listHref} className="underline" data-testid="facility-map-more">
                  {m.more}
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** Rough width of a country name at 16px bold with 1px letter spacing (Hangul is wider). */
function countryWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 17 : 11), 0);
}

/** `{ a: undefined }` must not hide a default when spread. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
