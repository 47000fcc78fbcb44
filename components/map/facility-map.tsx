import { northeastAsiaMap, type BBox, type CountryCode } from "@/lib/map/northeast-asia";
import { placeLabels, POINT_RADIUS, shortName, spreadPoints } from "@/lib/map/layout";

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

/** Already translated by the caller (messages namespace "map"). */
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
const LAND: Record<CountryCode, string> = { CN: "#f5f5f4", KP: "#e7e5e4", KR: "#f5f5f4", RU: "#f5f5f4", JP: "#f5f5f4" };
// Where each country's name sits, in lon/lat, chosen by eye to stay clear of the border points.
const COUNTRY_LABEL: Record<CountryCode, [number, number]> = { CN: [123.2, 44.8], KP: [127.1, 40.4], KR: [128.2, 37.3], RU: [132.2, 45.4], JP: [132.5, 37.2] };
const FONT = 11;

export function FacilityMap({ facilities, labels, box }: { facilities: MapFacility[]; labels: FacilityMapLabels; box?: BBox }) {
  const map = northeastAsiaMap(box);
  const [, , width, height] = map.viewBox.split(" ").map(Number) as [number, number, number, number];
  const sorted = [...facilities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const onMap: { f: MapFacility; x: number; y: number }[] = [];
  const offMap: { f: MapFacility; reason: string }[] = [];
  for (const f of sorted) {
    const p = f.latitude == null || f.longitude == null ? undefined : map.project(f.longitude, f.latitude);
    if (p) onMap.push({ f, x: p[0], y: p[1] });
    else offMap.push({ f, reason: p === undefined ? labels.noCoordinates : labels.outsideArea });
  }
  const points = spreadPoints(onMap.map(({ f, x, y }) => ({ id: f.id, x, y })));
  const texts = new Map(onMap.map(({ f }) => [f.id, shortName(f.name)]));
  const placements = placeLabels(points, texts, FONT, width, height);
  const byId = new Map(onMap.map(({ f }) => [f.id, f]));
  const titleId = "facility-map-title";
  const descId = "facility-map-desc";

  return (
    <figure className="max-w-full">
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
          {map.countries.map((c) => {
            const p = map.project(...COUNTRY_LABEL[c.code]);
            return p ? <text key={c.id} x={p[0]} y={p[1]} textAnchor="middle">{labels.country[c.code]}</text> : null;
          })}
        </g>
        <g fontSize={FONT}>
          {points.map((p) => {
            const f = byId.get(p.id)!;
            const key: LevelKey = f.level ?? "NONE";
            const label = placements.get(p.id);
            const name = labels.pointLabel(f.name, labels.level[key]);
            return (
              <a key={p.id} href={f.href} aria-label={name} className="group outline-none">
                <title>{name}</title>
                <circle cx={p.x} cy={p.y} r={POINT_RADIUS} fill={FILL[key].fill} stroke="#1c1917" strokeWidth={1} className="group-hover:stroke-2 group-focus-visible:stroke-[3px]" />
                <text x={p.x} y={p.y + 3.5} textAnchor="middle" fontSize={9} fontWeight={700} fill={FILL[key].text} aria-hidden="true">
                  {labels.initial[key]}
                </text>
                {label?.leader ? <line x1={label.leader[0]} y1={label.leader[1]} x2={label.leader[2]} y2={label.leader[3]} stroke="#57534e" strokeWidth={0.8} /> : null}
                {label ? (
                  <text x={label.x} y={label.y} textAnchor={label.anchor} fill="#1c1917" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" className="group-hover:underline group-focus-visible:underline" aria-hidden="true">
                    {texts.get(p.id)}
                  </text>
                ) : null}
              </a>
            );
          })}
        </g>
      </svg>
      <figcaption className="mt-2 space-y-2 text-sm text-stone-700">
        <p>{labels.caption}</p>
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
              {offMap.map(({ f, reason }) => (
                <li key={f.id} className="break-words">
                  <a href={f.href} className="underline">{f.name}</a> — {labels.level[f.level ?? "NONE"]} ({reason})
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </figcaption>
    </figure>
  );
}
