/** "CN" → "China" / "중국", from the runtime's own data (no strings to maintain). */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale === "ko" ? "ko" : "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
