import { getLocale, getTranslations } from "next-intl/server";
import { formatPartialDate } from "@/lib/dates/partial-date";
import type { NotificationRow } from "@/lib/domain/notification/queries";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A notice in the reader's language: it is stored as a message key + raw parameters (enum
 * values, ISO dates), so the same notice reads correctly after the user switches language.
 */
export async function notificationText(n: Pick<NotificationRow, "messageKey" | "params">): Promise<string> {
  const [t, tl, ts, tv, locale] = await Promise.all([
    getTranslations("notifications"), getTranslations("risk.level"), getTranslations("status"), getTranslations("verification"), getLocale(),
  ]);
  const p = { ...n.params };
  const tryT = (fn: (k: string) => string, has: (k: string) => boolean, v: unknown) => (typeof v === "string" && has(v) ? fn(v) : v);
  p.level = tryT(tl as never, tl.has as never, p.level) as string;
  p.from = tryT(ts as never, ts.has as never, p.from) as string;
  p.to = tryT(ts as never, ts.has as never, p.to) as string;
  p.verification = tryT(tv as never, tv.has as never, p.verification) as string;
  for (const key of ["date", "due"] as const) {
    const v = p[key];
    if (typeof v === "string" && DAY.test(v)) {
      const precision = p.precision === "MONTH" || p.precision === "YEAR" ? p.precision : "DAY";
      p[key] = formatPartialDate({ date: new Date(`${v}T00:00:00Z`), precision: key === "date" ? precision : "DAY" }, locale);
    }
  }
  if (!t.has(n.messageKey as never)) return t("unknown");
  try {
    return t(n.messageKey as never, p as never);
  } catch {
    return t("unknown");
  }
}
