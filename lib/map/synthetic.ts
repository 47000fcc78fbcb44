// Synthetic facilities for the map's scale tests and screenshots (not used by the app). Spread
// over northeast China the way a large registry would be: most at a city centroid (several
// facilities to a city, as the real data is geocoded to the city or county), the rest scattered.
import type { MapFacility, RiskLevel } from "@/components/map/facility-map";

const CITIES: [string, number, number][] = [
  ["Shenyang", 123.43, 41.8], ["Dalian", 121.61, 38.91], ["Anshan", 122.99, 41.11], ["Fushun", 123.96, 41.88],
  ["Benxi", 123.77, 41.3], ["Dandong", 124.38, 40.12], ["Jinzhou", 121.13, 41.1], ["Yingkou", 122.23, 40.67],
  ["Liaoyang", 123.17, 41.27], ["Tieling", 123.84, 42.29], ["Kuandian", 124.78, 40.73], ["Ji'an", 126.19, 41.12],
  ["Changchun", 125.32, 43.88], ["Jilin City", 126.55, 43.84], ["Siping", 124.35, 43.17], ["Tonghua", 125.94, 41.73],
  ["Baishan", 126.42, 41.94], ["Changbai", 128.2, 41.42], ["Yanji", 129.51, 42.89], ["Tumen", 129.85, 42.97],
  ["Longjing", 129.43, 42.77], ["Helong", 129.0, 42.54], ["Hunchun", 130.37, 42.86], ["Dunhua", 128.23, 43.37],
  ["Antu", 128.9, 43.11], ["Wangqing", 129.76, 43.31], ["Harbin", 126.63, 45.75], ["Mudanjiang", 129.63, 44.55],
  ["Jixi", 130.97, 45.3], ["Suifenhe", 131.15, 44.4], ["Dongning", 131.12, 44.06], ["Muling", 130.52, 44.92],
  ["Ning'an", 129.47, 44.34], ["Hailin", 129.38, 44.57], ["Shuangyashan", 131.16, 45.64], ["Songyuan", 124.82, 45.14],
  ["Baicheng", 122.84, 45.62], ["Liaoyuan", 125.14, 42.89], ["Meihekou", 125.69, 42.53], ["Huadian", 126.75, 42.97],
];
const KINDS = ["Public Security Detention Center", "Border Defense Detention Center", "Police Station", "Prison", "Immigration Holding Facility", "Detention House"];
/** Cities on the Yalu and Tumen, where returns happen: their facilities skew to higher levels. */
const BORDER = new Set(["Dandong", "Kuandian", "Ji'an", "Baishan", "Changbai", "Helong", "Longjing", "Tumen", "Yanji", "Hunchun"]);
// Cumulative shares of IMMINENT, HIGH, ELEVATED, LOW; the rest is not assessed.
const NEAR: number[] = [0.15, 0.4, 0.65, 0.85];
const FAR: number[] = [0.01, 0.05, 0.2, 0.7];
const LEVEL_ORDER: RiskLevel[] = ["IMMINENT", "HIGH", "ELEVATED", "LOW"];

/** Deterministic: the same n gives the same facilities. */
export function syntheticFacilities(n: number, seed = 1): MapFacility[] {
  let s = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
  /** Somewhere in Liaoning, Jilin or Heilongjiang (not across the rivers in North Korea). */
  const scattered = (): [number, number] => {
    for (;;) {
      const west = rand() < 0.25;
      const lon = west ? 121.2 + rand() * 3 : 121.2 + rand() * 9.8;
      const lat = west ? 38.8 + rand() * 3.1 : 41.9 + rand() * 3.9;
      if (!(lon > 127.9 && lon < 130.7 && lat < 42.9)) return [lon, lat];
    }
  };
  const out: MapFacility[] = [];
  for (let i = 0; i < n; i++) {
    const atCity = rand() < 0.65;
    const city = CITIES[Math.floor(rand() * CITIES.length)]!;
    const [lon, lat] = atCity ? [city[1], city[2]] : scattered();
    const shares = atCity && BORDER.has(city[0]) ? NEAR : FAR;
    const r = rand();
    const level = LEVEL_ORDER[shares.findIndex((c) => r < c)] ?? null;
    const id = `syn${String(i).padStart(5, "0")}`;
    out.push({
      id,
      name: `${atCity ? city[0] : `Site ${i}`} ${KINDS[i % KINDS.length]} No. ${i}`,
      latitude: Math.round(lat * 1000) / 1000,
      longitude: Math.round(lon * 1000) / 1000,
      level,
      href: `/facilities/${id}`,
    });
  }
  return out;
}
