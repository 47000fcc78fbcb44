// A facility's returns and warning signs on one line of time, newest first, cut to the newest
// `limit` (the page links to the rest): a border station's history runs to hundreds of entries.
import type { EventListRow } from "@/lib/domain/event/queries";
import type { IndicatorRow } from "@/lib/domain/indicator/queries";

export type TimelineItem = { key: string; at: number; kind: "event"; e: EventListRow } | { key: string; at: number; kind: "indicator"; i: IndicatorRow };

export function facilityTimeline(events: EventListRow[], indicators: IndicatorRow[], limit?: number): { shown: TimelineItem[]; total: number } {
  const items: TimelineItem[] = [
    ...events.map((e) => ({ key: `e${e.id}`, at: e.date.date.getTime(), kind: "event" as const, e })),
    ...indicators.map((i) => ({ key: `i${i.id}`, at: i.observedOn.date.getTime(), kind: "indicator" as const, i })),
  ].sort((a, b) => b.at - a.at);
  return { shown: limit !== undefined && items.length > limit ? items.slice(0, limit) : items, total: items.length };
}
