import { getTranslations } from "next-intl/server";
import { describeReportedNumber } from "@/lib/domain/event/reported-number";

/** "about 50", "50–60", "at least 50", "up to 60" or "not known". */
export async function ReportedNumber({ min, max }: { min: number | null; max: number | null }) {
  const t = await getTranslations("events");
  const r = describeReportedNumber(min, max);
  switch (r.kind) {
    case "about": return <>{t("reportedAbout", { n: r.n })}</>;
    case "range": return <>{t("reportedRange", { min: r.min, max: r.max })}</>;
    case "atLeast": return <>{t("reportedAtLeast", { n: r.n })}</>;
    case "atMost": return <>{t("reportedAtMost", { n: r.n })}</>;
    default: return <span className="text-stone-600">{t("reportedUnknown")}</span>;
  }
}
