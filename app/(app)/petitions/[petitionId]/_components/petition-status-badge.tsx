import { getTranslations } from "next-intl/server";
import type { PetitionStatus } from "@/lib/generated/prisma/enums";

const STYLES: Record<PetitionStatus, string> = {
  DRAFT: "bg-stone-100 text-stone-800 ring-stone-300",
  IN_REVIEW: "bg-amber-50 text-amber-900 ring-amber-300",
  APPROVED: "bg-sky-50 text-sky-900 ring-sky-300",
  SUBMITTED: "bg-brand-50 text-brand-900 ring-brand-300",
  ACKNOWLEDGED: "bg-indigo-50 text-indigo-900 ring-indigo-300",
  RESPONSE_RECEIVED: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  CLOSED: "bg-stone-50 text-stone-700 ring-stone-300",
  WITHDRAWN: "bg-red-50 text-red-900 ring-red-300",
};

export async function PetitionStatusBadge({ status }: { status: PetitionStatus }) {
  const t = await getTranslations("petitionStatus");
  return <span data-testid="petition-status" data-status={status} className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>{t(status)}</span>;
}
