import { getTranslations } from "next-intl/server";
import type { RiskLevel } from "@/lib/domain/risk/weights";

// Colour and text together (never colour alone); the same hues as the map's points.
const STYLES: Record<RiskLevel | "NONE", string> = {
  LOW: "bg-green-50 text-green-900 ring-green-600",
  ELEVATED: "bg-yellow-50 text-yellow-900 ring-yellow-500",
  HIGH: "bg-orange-100 text-orange-950 ring-orange-600",
  IMMINENT: "bg-red-700 text-white ring-red-800",
  NONE: "bg-stone-100 text-stone-700 ring-stone-300",
};

export const isRiskLevel = (v: string | null | undefined): v is RiskLevel => v === "LOW" || v === "ELEVATED" || v === "HIGH" || v === "IMMINENT";

/** "Imminent · 82" — level word and score; `size="lg"` for page headers. */
export async function RiskBadge({ level, score, size = "sm" }: { level: string | null; score: number | null; size?: "sm" | "lg" }) {
  const t = await getTranslations("risk");
  const key = isRiskLevel(level) ? level : "NONE";
  const text = key === "NONE" ? t("notAssessed") : `${t(`level.${key}`)} · ${score ?? 0}`;
  const pad = size === "lg" ? "px-3 py-1 text-sm" : "px-2 py-0.5 text-xs";
  return (
    <span data-testid="risk-badge" data-level={key} className={`inline-flex items-center whitespace-nowrap rounded-full font-semibold ring-1 ring-inset ${pad} ${STYLES[key]}`}>
      {text}
    </span>
  );
}
