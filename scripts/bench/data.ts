// Word lists for the benchmark's invented population: Korean names (Hangul, romanisation and
// Chinese characters agree syllable by syllable), Chinese border cities with their coordinates
// (all inside the dashboard map's box, lib/map/northeast-asia.ts DEFAULT_BOX), and a seeded
// random source so two runs with the same N generate the same people.

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
    /** Index drawn from cumulative weights. */
    weighted: (cumulative: readonly number[]) => {
      const x = next() * cumulative[cumulative.length - 1]!;
      let lo = 0, hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > x) hi = mid; else lo = mid + 1;
      }
      return lo;
    },
    hex: (bytes: number) => {
      let s = "";
      for (let i = 0; i < bytes; i++) s += Math.floor(next() * 256).toString(16).padStart(2, "0");
      return s;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** [Hangul, conventional romanisation, Chinese character] */
export const FAMILY_NAMES: readonly (readonly [string, string, string])[] = [
  ["김", "Kim", "金"], ["이", "Lee", "李"], ["리", "Ri", "李"], ["박", "Park", "朴"], ["최", "Choi", "崔"], ["정", "Jung", "鄭"],
  ["강", "Kang", "姜"], ["조", "Cho", "趙"], ["윤", "Yoon", "尹"], ["장", "Jang", "張"], ["임", "Lim", "林"], ["한", "Han", "韓"],
  ["오", "Oh", "吳"], ["서", "Seo", "徐"], ["신", "Shin", "申"], ["권", "Kwon", "權"], ["황", "Hwang", "黃"], ["안", "Ahn", "安"],
  ["송", "Song", "宋"], ["류", "Ryu", "柳"], ["홍", "Hong", "洪"], ["전", "Jeon", "全"], ["고", "Ko", "高"], ["문", "Moon", "文"],
  ["손", "Son", "孫"], ["배", "Bae", "裵"], ["백", "Baek", "白"], ["허", "Heo", "許"], ["남", "Nam", "南"], ["계", "Kye", "桂"],
];

/** [Hangul, RR syllable, Chinese character] for given names. */
export const GIVEN_SYLLABLES: readonly (readonly [string, string, string])[] = [
  ["옥", "ok", "玉"], ["희", "hui", "姬"], ["영", "yeong", "英"], ["철", "cheol", "哲"], ["순", "sun", "順"], ["미", "mi", "美"],
  ["성", "seong", "成"], ["남", "nam", "南"], ["혜", "hye", "惠"], ["진", "jin", "眞"], ["은", "eun", "恩"], ["정", "jeong", "貞"],
  ["수", "su", "秀"], ["현", "hyeon", "賢"], ["경", "gyeong", "京"], ["명", "myeong", "明"], ["광", "gwang", "光"], ["춘", "chun", "春"],
  ["금", "geum", "錦"], ["련", "ryeon", "蓮"], ["향", "hyang", "香"], ["일", "il", "日"], ["혁", "hyeok", "赫"], ["국", "guk", "國"],
  ["화", "hwa", "花"], ["복", "bok", "福"], ["송", "song", "松"], ["룡", "ryong", "龍"], ["애", "ae", "愛"], ["설", "seol", "雪"],
];

/** Chinese names people were given or used in China (pinyin), as aliases. */
export const ALIASES = [
  "Jin Yuji", "Li Meihua", "Piao Chunhua", "Zhang Lihua", "Wang Xiuying", "Liu Fang", "Cui Yingzi", "Zheng Hong", "Li Na",
  "Jin Shunzi", "Han Meiling", "Quan Xiaomei", "Zhao Li", "Sun Yan", "Wu Qiong", "Li Xiuzhen", "Jin Hua", "Piao Meiyu",
];

export const DPRK_PROVINCES = [
  "North Hamgyong", "South Hamgyong", "Ryanggang", "North Pyongan", "South Pyongan", "Chagang", "Pyongyang", "Kangwon", "South Hwanghae",
];

export type City = { name: string; hanzi: string; province: string; lat: number; lon: number };

/** Prefecture-level cities and counties near the border, with their centres. */
export const CITIES: readonly City[] = [
  ["Yanji", "延吉", "Jilin", 42.90, 129.51], ["Tumen", "图们", "Jilin", 42.97, 129.84], ["Longjing", "龙井", "Jilin", 42.77, 129.42],
  ["Helong", "和龙", "Jilin", 42.54, 129.00], ["Hunchun", "珲春", "Jilin", 42.86, 130.36], ["Baishan", "白山", "Jilin", 41.94, 126.42],
  ["Changbai", "长白", "Jilin", 41.42, 128.20], ["Tonghua", "通化", "Jilin", 41.73, 125.94], ["Ji'an", "集安", "Jilin", 41.12, 126.19],
  ["Jilin City", "吉林", "Jilin", 43.84, 126.55], ["Changchun", "长春", "Jilin", 43.88, 125.32], ["Dunhua", "敦化", "Jilin", 43.37, 128.23],
  ["Antu", "安图", "Jilin", 43.11, 128.90], ["Wangqing", "汪清", "Jilin", 43.31, 129.76], ["Siping", "四平", "Jilin", 43.17, 124.35],
  ["Songyuan", "松原", "Jilin", 45.14, 124.82], ["Baicheng", "白城", "Jilin", 45.62, 122.84], ["Liaoyuan", "辽源", "Jilin", 42.89, 125.14],
  ["Linjiang", "临江", "Jilin", 41.81, 126.92],
  ["Dandong", "丹东", "Liaoning", 40.12, 124.38], ["Kuandian", "宽甸", "Liaoning", 40.73, 124.78], ["Shenyang", "沈阳", "Liaoning", 41.80, 123.43],
  ["Dalian", "大连", "Liaoning", 38.91, 121.61], ["Anshan", "鞍山", "Liaoning", 41.11, 122.99], ["Fushun", "抚顺", "Liaoning", 41.88, 123.96],
  ["Benxi", "本溪", "Liaoning", 41.29, 123.77], ["Tieling", "铁岭", "Liaoning", 42.29, 123.84], ["Liaoyang", "辽阳", "Liaoning", 41.27, 123.24],
  ["Yingkou", "营口", "Liaoning", 40.67, 122.24], ["Fuxin", "阜新", "Liaoning", 42.02, 121.67], ["Donggang", "东港", "Liaoning", 39.86, 124.15],
  ["Huanren", "桓仁", "Liaoning", 41.27, 125.36],
  ["Harbin", "哈尔滨", "Heilongjiang", 45.80, 126.53], ["Mudanjiang", "牡丹江", "Heilongjiang", 44.55, 129.63], ["Jixi", "鸡西", "Heilongjiang", 45.30, 130.97],
  ["Suifenhe", "绥芬河", "Heilongjiang", 44.40, 131.15], ["Dongning", "东宁", "Heilongjiang", 44.06, 131.12], ["Hailin", "海林", "Heilongjiang", 44.59, 129.38],
  ["Ning'an", "宁安", "Heilongjiang", 44.34, 129.48], ["Mishan", "密山", "Heilongjiang", 45.55, 131.87], ["Shangzhi", "尚志", "Heilongjiang", 45.22, 127.96],
  ["Wuchang", "五常", "Heilongjiang", 44.92, 127.15], ["Qitaihe", "七台河", "Heilongjiang", 45.77, 131.00], ["Muling", "穆棱", "Heilongjiang", 44.92, 130.52],
  ["Yantai", "烟台", "Shandong", 37.46, 121.45], ["Weihai", "威海", "Shandong", 37.51, 122.12], ["Rongcheng", "荣成", "Shandong", 37.16, 122.42],
].map(([name, hanzi, province, lat, lon]) => ({ name, hanzi, province, lat, lon }) as City);

/** How often a facility is in each province (the border provinces hold most people). */
export const PROVINCE_WEIGHTS: Record<string, number> = { Jilin: 45, Liaoning: 30, Heilongjiang: 20, Shandong: 5 };

export const CN_FACILITY_TYPES = [
  { type: "DETENTION_CENTRE", en: "Detention Centre", zh: "看守所", weight: 40 },
  { type: "PUBLIC_SECURITY_BUREAU", en: "Public Security Bureau", zh: "公安局", weight: 30 },
  { type: "BORDER_DEFENCE_STATION", en: "Border Defence Station", zh: "边防检查站", weight: 15 },
  { type: "PRISON", en: "Prison", zh: "监狱", weight: 10 },
  { type: "OTHER", en: "Custody Facility", zh: "拘留所", weight: 5 },
] as const;

export const HANDOVER_POINTS = [
  "Tumen–Namyang bridge", "Dandong–Sinuiju Friendship Bridge", "Hunchun (Quanhe)–Wonjong", "Changbai–Hyesan", "Ji'an–Manpo", "Sanhe–Hoeryong",
];

export const NOTE_BODIES = [
  "Called the family; no news since the last visit.",
  "Intermediary reports the person was seen in the exercise yard.",
  "Spoke with the partner NGO about a possible visit next month.",
  "Relative says supplies were accepted at the gate this week.",
  "Checked with the consulate contact; no reply yet.",
  "Former cellmate confirms the interrogation finished.",
];

export const NARRATIVES = [
  "Crossed the Tumen River and lived in a village near {city} for several years before the arrest.",
  "Arrested at a bus station in {city} after an identity check.",
  "Detained during a house search in {city}; a neighbour reported the family.",
  "Stopped at a checkpoint on the road out of {city} while travelling to meet a broker.",
];

export const DETAINEE_INDICATOR_TYPES = [
  "INTERROGATION_COMPLETED", "PHOTOGRAPHED_OR_CONFESSION_SIGNED", "IDENTITY_CONFIRMED_TO_DPRK", "FAMILY_CONTACT_LOST", "SUPPLIES_REFUSED", "VISITS_REFUSED",
] as const;
export const FACILITY_INDICATOR_TYPES = [
  "TRANSFER_TO_BORDER_FACILITY", "DPRK_OFFICIALS_VISIT", "MASS_TRANSPORT_SEEN", "BORDER_CROSSING_OPENED", "DIPLOMATIC_CALENDAR", "VISITS_REFUSED",
] as const;
