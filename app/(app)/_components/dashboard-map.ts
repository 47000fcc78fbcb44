// The dashboard's map, laid out and labelled once per change of the facility registry and
// language (issue 11 item 5): at 2,000 facilities the layout and its thousands of translated
// labels cost more than the rest of the page. The model is a plain value; FacilityMapView draws it.
import "server-only";
import { facilityMapModel, type FacilityMapLabels, type FacilityMapModel } from "@/components/map/facility-map";
import { isRiskLevel } from "@/components/risk/risk-badge";
import { versionedCache } from "@/lib/cache/versioned";
import type { FacilityRegistry } from "@/lib/domain/dashboard/queries";

const models = versionedCache<FacilityMapModel>(4);

export function dashboardMapModel(version: string, locale: string, registry: FacilityRegistry, labels: () => Promise<FacilityMapLabels>): Promise<FacilityMapModel> {
  return models.get(locale, version, async () => facilityMapModel(registry.facilities.map((f) => ({
    id: f.id, name: f.nameEn, latitude: f.latitude, longitude: f.longitude, level: isRiskLevel(f.riskLevel) ? f.riskLevel : null, href: `/facilities/${f.id}`,
  })), await labels()));
}
