import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("notFound")}</p>
      <Link href="/detainees" className="mt-6 inline-block font-medium text-brand-700 underline">{t("home")}</Link>
    </main>
  );
}
