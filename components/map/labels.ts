// Builds FacilityMap's labels from the "map" messages, so a page needs one line:
//   const labels = facilityMapLabels(await getTranslations("map"));
import type { FacilityMapLabels } from "./facility-map";

/** How this calls the translator: keys of the "map" namespace, ICU values. */
type MapTranslate = (key: string, values?: Record<string, string | number>) => string;
/**
 * Any translator for the "map" namespace: next-intl's `getTranslations("map")` or
 * `createTranslator({ namespace: "map", … })`, whose key types may be narrowed to the messages.
 */
export type AnyMapTranslator = (key: never, values?: never) => string;

const LEVEL_KEYS = ["LOW", "ELEVATED", "HIGH", "IMMINENT", "NONE"] as const;

export function facilityMapLabels(translator: AnyMapTranslator): FacilityMapLabels {
  const t = translator as unknown as MapTranslate;
  const perLevel = (group: string) => Object.fromEntries(LEVEL_KEYS.map((k) => [k, t(`${group}.${k}`)])) as FacilityMapLabels["level"];
  return {
    title: t("title"), desc: t("desc"), caption: t("caption"), legend: t("legend"), border: t("border"), notShown: t("notShown"),
    noCoordinates: t("noCoordinates"), outsideArea: t("outsideArea"),
    level: perLevel("level"),
    initial: perLevel("initial"),
    country: { CN: t("country.CN"), KP: t("country.KP"), KR: t("country.KR"), RU: t("country.RU"), JP: t("country.JP") },
    pointLabel: (name, level) => t("pointLabel", { name, level }),
    clusterLabel: (count, level) => t("cluster", { count, level }),
    clusterCaption: t("clusterCaption"),
    clusterLegend: t("clusterLegend"),
    moreLink: (count) => t("moreNotShown", { count }),
    moreLowLink: (count) => t("moreLowNotShown", { count }),
  };
}
