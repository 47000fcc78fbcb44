// Messages are split by area so that work on one area never edits another's file. Each area
// file holds its own top-level namespaces; they are merged over the common file.
import type { AppLocale } from "./locale";

export const MESSAGE_AREAS = ["registry", "evidence", "csv", "dashboard", "petitions-ui", "petitions", "account"] as const;

export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const base = (await import(`../messages/${locale}.json`)).default as Record<string, unknown>;
  const areas = await Promise.all(MESSAGE_AREAS.map(async (a) => (await import(`../messages/${locale}/${a}.json`)).default as Record<string, unknown>));
  return Object.assign({}, base, ...areas);
}
