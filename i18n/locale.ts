// Locale choice: the signed-in user's saved preference, else the cookie set by the language
// switch, else the browser's Accept-Language. Korean and English only.
export const LOCALES = ["en", "ko"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "haven-locale";

export function isLocale(value: unknown): value is AppLocale {
  return value === "en" || value === "ko";
}

export function pickLocale(opts: { userLocale?: string | null; cookie?: string | null; acceptLanguage?: string | null }): AppLocale {
  if (isLocale(opts.userLocale)) return opts.userLocale;
  if (isLocale(opts.cookie)) return opts.cookie;
  const first = opts.acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("ko") ? "ko" : "en";
}
