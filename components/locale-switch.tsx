import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/actions/locale";
import { LOCALES } from "@/i18n/locale";

/** Two plain form buttons: works without JavaScript. */
export async function LocaleSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("locale")]);
  return (
    <form action={setLocaleAction} aria-label={t("switchTo")} className="flex items-center gap-1 text-sm">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 ${l === locale ? "bg-white/20 font-semibold" : "opacity-80 hover:opacity-100"}`}
        >
          {t(l)}
        </button>
      ))}
    </form>
  );
}
