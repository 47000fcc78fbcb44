import { getTranslations } from "next-intl/server";
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

// Colour and text together (never colour alone); the icon-free text carries the meaning.
const STYLES: Record<VerificationStatus, string> = {
  REPORTED: "bg-amber-50 text-amber-900 ring-amber-300",
  CORROBORATED: "bg-sky-50 text-sky-900 ring-sky-300",
  CONFIRMED: "bg-red-50 text-red-900 ring-red-300",
  DISPUTED: "bg-stone-100 text-stone-800 ring-stone-400",
};

export async function VerificationBadge({ value }: { value: VerificationStatus }) {
  const t = await getTranslations("verification");
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[value]}`}>
      {t(value)}
    </span>
  );
}
