// A facility's risk over time as a server-rendered SVG (no chart library, no client JS). Level
// bands behind the line carry the meaning; a summary sentence and a table serve screen readers.
import { getFormatter, getTranslations } from "next-intl/server";
import type { RiskPoint } from "@/lib/domain/risk/explain";

const W = 720, H = 200, LEFT = 34, RIGHT = 8, TOP = 8, BOTTOM = 24;
const BANDS = [
  { from: 75, to: 100, fill: "#fee2e2" }, { from: 50, to: 75, fill: "#ffedd5" },
  { from: 25, to: 50, fill: "#fef9c3" }, { from: 0, to: 25, fill: "#dcfce7" },
];

export async function RiskChart({ points, snapshots, days }: { points: RiskPoint[]; snapshots: RiskPoint[]; days: number }) {
  const [t, format] = await Promise.all([getTranslations("risk"), getFormatter()]);
  if (points.length === 0) return null;
  const x = (i: number) => LEFT + (i * (W - LEFT - RIGHT)) / Math.max(1, points.length - 1);
  const y = (s: number) => TOP + ((100 - s) * (H - TOP - BOTTOM)) / 100;
  const index = new Map(points.map((p, i) => [p.day, i]));
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join("");
  const max = points.reduce((m, p) => (p.score > m.score ? p : m), points[0]!);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const summary = t("historySummary", { max: max.score, maxDay: day(max.day), today: points.at(-1)!.score });
  const ticks = [0, Math.floor((points.length - 1) / 2), points.length - 1];
  const weekly = points.filter((_, i) => (points.length - 1 - i) % 7 === 0);
  return (
    <figure className="mt-3" data-testid="risk-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`${t("history", { days })}. ${summary}`}>
        {BANDS.map((b) => <rect key={b.from} x={LEFT} width={W - LEFT - RIGHT} y={y(b.to)} height={y(b.from) - y(b.to)} fill={b.fill} />)}
        {[0, 25, 50, 75, 100].map((s) => (
          <g key={s}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(s)} y2={y(s)} stroke="#d6d3d1" strokeWidth={0.5} />
            <text x={LEFT - 4} y={y(s) + 3} textAnchor="end" fontSize={10} fill="#57534e">{s}</text>
          </g>
        ))}
        {ticks.map((i) => (
          <text key={i} x={x(i)} y={H - 6} fontSize={10} fill="#57534e" textAnchor={i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"}>{day(points[i]!.day)}</text>
        ))}
        <path d={path} fill="none" stroke="#7f1d1d" strokeWidth={2} strokeLinejoin="round" />
        {snapshots.filter((s) => index.has(s.day)).map((s) => (
          <circle key={s.day} cx={x(index.get(s.day)!)} cy={y(s.score)} r={2.5} fill="#1c1917" />
        ))}
      </svg>
      <figcaption className="mt-1 text-xs text-stone-600">{summary} {t("historyDesc")}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">{t("historyShowTable")}</summary>
        <table className="mt-2 text-sm">
          <caption className="text-left text-xs text-stone-600">{t("historyTableCaption")}</caption>
          <thead><tr><th className="pr-4 text-left font-medium">{t("historyDay")}</th><th className="text-right font-medium">{t("historyScore")}</th></tr></thead>
          <tbody>{weekly.map((p) => <tr key={p.day}><td className="pr-4">{day(p.day)}</td><td className="text-right tabular-nums">{p.score}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
