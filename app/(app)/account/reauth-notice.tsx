import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { reauthPath } from "@/lib/auth/reauth";

/** Shown instead of a sensitive form while the session has no fresh re-authentication (S7). */
export async function ReauthNotice({ next, message }: { next: string; message?: string }) {
  const t = await getTranslations("account");
  return (
    <div className="rounded-md bg-amber-50 px-3 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <p>{message ?? t("reauthNeeded")}</p>
      <Link href={reauthPath(next)} className="mt-2 inline-block font-semibold text-brand-700 underline">{t("reauthLink")}</Link>
    </div>
  );
}
