import { getTranslations } from "next-intl/server";
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";

// Colour and text together, never colour alone.
const STYLES: Record<DetaineeStatus, string> = {
  REPORTED: "bg-amber-50 text-amber-900 ring-amber-300",
  DETAINED: "bg-orange-50 text-orange-900 ring-orange-300",
  RELEASED: "bg-sky-50 text-sky-900 ring-sky-300",
  REPATRIATED: "bg-red-50 text-red-900 ring-red-300",
  RESETTLED: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  DECEASED: "bg-stone-100 text-stone-800 ring-stone-300",
  CLOSED: "bg-stone-50 text-stone-700 ring-stone-300",
  DETAINED_IN_DPRK: "bg-red-100 text-red-950 ring-red-400",
  DISAPPEARED: "bg-purple-50 text-purple-900 ring-purple-300",
};

export async function StatusBadge({ status }: { status: DetaineeStatus }) {
  const t = await getTranslations("status");
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {t(status)}
    </span>
  );
}
