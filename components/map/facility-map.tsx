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

  const titleId = "facility-map-title";
  const descId = "facility-map-desc";

  return (
    <figure className="max-w-full" data-testid="facility-map" data-mode={layout.mode}>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={map.viewBox} width="100%" className="h-auto max-w-full rounded border border-stone-300" xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>{labels.title}</title>
        <desc id={descId}>{labels.desc}</desc>
        <rect width={width} height={height} fill="#e0f2fe" />
        <g stroke="#a8a29e" strokeWidth={0.7}>
          {map.countries.map((c) => (
            <path key={c.id} d={c.d} fill={LAND[c.code]} />
          ))}
        </g>
        <path d={map.border} fill="none" stroke="#7c2d12" strokeWidth={2.5} strokeDasharray="6 3" strokeLinejoin="round" />
        <g fontSize={16} fill="#78716c" fontWeight={600} letterSpacing={1} aria-hidden="true">
          {countryNames.map((c) => (
            <text key={c.id} x={c.x} y={c.y} textAnchor="middle">{c.text}</text>
          ))}
        </g>
        {clustered ? (
          <g textAnchor="middle" fontWeight={700}>
            {layout.clusters.map((c) => {
              const key = BY_RANK[c.rank]!;
              const r = clusterRadius(c.ids.length);
              const badge = { x: c.x + r * 0.75, y: c.y - r * 0.75 };
              return (
                <a key={c.ids[0]} href={listHref} aria-label={clusterName(c)} className="group outline-none">
                  <title>{clusterTitle(c)}</title>
                  <circle cx={c.x} cy={c.y} r={r + CLUSTER_HALO} fill={FILL[key].fill} fillOpacity={0.35} />
                  <circle cx={c.x} cy={c.y} r={r} fill={FILL[key].fill} stroke="#1c1917" className="group-hover:stroke-2 group-focus-visible:stroke-[3px]" />
                  <text x={c.x} y={c.y + 3.5} fontSize={10} fill={FILL[key].text} aria-hidden="true">{c.ids.length}</text>
                  <circle cx={badge.x} cy={badge.y} r={5} fill="#ffffff" stroke="#1c1917" strokeWidth={0.8} />
                  <text x={badge.x} y={badge.y + 2.5} fontSize={7} fill="#1c1917" aria-hidden="true">{labels.initial[key]}</text>
                </a>
              );
            })}
          </g>
        ) : null}
        <g fontSize={FONT}>
          {layout.points.map((p) => {
            const f = facility.get(p.id)!;
            const key = levelOf(f);
            const label = layout.labels.get(p.id);
            const name = labels.pointLabel(f.name, labels.level[key]);
            return (
              <a key={p.id} href={f.href} aria-label={name} className="group outline-none">
                <title>{name}</title>
                <circle cx={p.x} cy={p.y} r={POINT_RADIUS} fill={FILL[key].fill} stroke="#1c1917" className="group-hover:stroke-2 group-focus-visible:stroke-[3px]" />
                <text x={p.x} y={p.y + 3.5} textAnchor="middle" fontSize={9} fontWeight={700} fill={FILL[key].text} aria-hidden="true">
                  {labels.initial[key]}
                </text>
                {label?.leader ? <line x1={label.leader[0]} y1={label.leader[1]} x2={label.leader[2]} y2={label.leader[3]} stroke="#57534e" strokeWidth={0.8} /> : null}
                {label ? (
                  <text x={label.x} y={label.y} textAnchor={label.anchor} fill="#1c1917" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" className="group-hover:underline group-focus-visible:underline" aria-hidden="true">
                    {names.get(p.id)}
                  </text>
                ) : null}
              </a>
            );
          })}
        </g>
      </svg>
      <figcaption className="mt-2 space-y-2 text-sm text-stone-700">
        <p>{labels.caption}</p>
        {clustered ? <p>{text.clusterCaption}</p> : null}
        <div>
          <p className="font-medium">{labels.legend}</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {LEVELS.map((k) => (
              <li key={k} className="inline-flex items-center gap-1.5">
                <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
                  <circle cx="9" cy="9" r="8" fill={FILL[k].fill} stroke="#1c1917" />
                  <text x="9" y="12.5" textAnchor="middle" fontSize="10" fontWeight="700" fill={FILL[k].text}>{labels.initial[k]}</text>
                </svg>
                {labels.level[k]}
              </li>
            ))}
            {clustered ? (
              <li className="inline-flex items-center gap-1.5">
                <svg width="26" height="24" viewBox="0 0 26 24" aria-hidden="true">
                  <circle cx="11" cy="13" r="10" fill={FILL.HIGH.fill} fillOpacity={0.35} />
                  <circle cx="11" cy="13" r="8" fill={FILL.HIGH.fill} stroke="#1c1917" />
                  <text x="11" y="16.5" textAnchor="middle" fontSize="10" fontWeight="700" fill={FILL.HIGH.text}>12</text>
                  <circle cx="19" cy="6" r="5" fill="#ffffff" stroke="#1c1917" strokeWidth={0.8} />
                  <text x="19" y="8.5" textAnchor="middle" fontSize="7" fontWeight="700" fill="#1c1917">{labels.initial.HIGH}</text>
                </svg>
                {text.clusterLegend}
              </li>
            ) : null}
            <li className="inline-flex items-center gap-1.5">
              <svg width="24" height="18" viewBox="0 0 24 18" aria-hidden="true">
                <line x1="1" y1="9" x2="23" y2="9" stroke="#7c2d12" strokeWidth="2.5" strokeDasharray="6 3" />
              </svg>
              {labels.border}
            </li>
          </ul>
        </div>
        {offMap.length > 0 ? (
          <div>
            <p className="font-medium">{labels.notShown}</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {listed.map(({ f, reason }) => (
                <li key={f.id} className="break-words">
                  <a href={f.href} className="underline">{f.name}</a> — {labels.level[levelOf(f)]} ({reason})
                </li>
              ))}
            </ul>
            {unlisted.length > 0 ? (
              <p className="mt-1">
                <a href={listHref} className="underline" data-testid="facility-map-more">
                  {unlistedAllLow ? text.moreLowLink(unlisted.length) : text.moreLink(unlisted.length)}
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
