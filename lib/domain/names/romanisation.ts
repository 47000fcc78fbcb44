// Korean names reach us romanised many ways: South Korean passports (Revised Romanisation:
// "Gim Seon-hui"), DPRK and older usage (McCune–Reischauer without diacritics: "Kim Son-hui"),
// and family names with fixed conventional spellings ("Lee", "Park", "Choi"). es-hangul gives
// RR; this module adds the McCune–Reischauer-like variant and the conventional family-name
// spellings, so every usual form of a name is searchable.
import { romanize as romanizeUncached } from "es-hangul";

// romanize is pure and names reuse a few thousand syllables: memoise it (CSV imports of
// 10,000 rows spent most of their time here).
const syllableCache = new Map<string, string>();
function romanize(text: string): string {
  let out = syllableCache.get(text);
  if (out === undefined) {
    out = romanizeUncached(text);
    if (syllableCache.size < 20_000) syllableCache.set(text, out);
  }
  return out;
}

// Conventional spellings of common family names (data, not rules), beyond RR and the MR variant.
const FAMILY_NAME_SPELLINGS: Record<string, readonly string[]> = {
  김: ["kim", "gim"], 이: ["lee", "yi", "rhee", "ri", "i"], 리: ["ri", "lee", "yi", "rhee"], 박: ["park", "pak", "bak"],
  최: ["choi", "choe", "chey"], 정: ["jung", "jeong", "chung", "chong"], 강: ["kang", "gang"], 조: ["cho", "jo", "joe"],
  윤: ["yoon", "yun"], 장: ["jang", "chang"], 임: ["lim", "im", "rim", "yim"], 림: ["rim", "lim", "im"], 한: ["han"],
  오: ["oh", "o"], 서: ["seo", "suh", "so"], 신: ["shin", "sin"], 권: ["kwon", "gwon"], 황: ["hwang"], 안: ["ahn", "an"],
  송: ["song"], 유: ["yoo", "yu", "ryu"], 류: ["ryu", "yoo", "yu", "ryoo"], 홍: ["hong"], 전: ["jeon", "jun", "chon", "chun"],
  고: ["ko", "go"], 문: ["moon", "mun"], 손: ["son", "sohn"], 양: ["yang", "ryang"], 량: ["ryang", "yang"], 배: ["bae", "pae"],
  백: ["baek", "paek", "paik"], 허: ["heo", "hur", "ho"], 남: ["nam"], 노: ["noh", "no", "roh"], 로: ["ro", "roh", "no"],
  하: ["ha"], 곽: ["kwak", "gwak"], 성: ["sung", "seong", "song"], 차: ["cha"], 주: ["joo", "ju", "chu"], 우: ["woo", "u"],
  구: ["koo", "ku", "gu"], 민: ["min"], 진: ["jin", "chin"], 지: ["ji", "chi"], 엄: ["eom", "um", "om"], 채: ["chae"],
  원: ["won"], 천: ["cheon", "chun", "chon"], 방: ["bang", "pang"], 공: ["kong", "gong"], 현: ["hyun", "hyeon", "hyon"],
  함: ["ham"], 변: ["byun", "byeon", "pyon"], 염: ["yeom", "yum", "yom"], 여: ["yeo", "yo"], 추: ["choo", "chu"],
  도: ["do", "doh", "to"], 소: ["so"], 석: ["seok", "suk", "sok"], 선: ["sun", "seon", "son"], 설: ["seol", "sol"],
  마: ["ma"], 길: ["gil", "kil"], 연: ["yeon", "yon"], 위: ["wi", "wee"], 표: ["pyo"], 명: ["myung", "myeong", "myong"],
  기: ["ki", "gi"], 반: ["ban", "pan"], 왕: ["wang"], 금: ["keum", "geum", "kum"], 옥: ["ok"], 육: ["yook", "yuk"],
  인: ["in"], 맹: ["maeng"], 제: ["je", "che"], 모: ["mo"], 탁: ["tak"], 국: ["kook", "guk", "kuk"], 어: ["eo", "o"],
  은: ["eun", "un"], 편: ["pyun", "pyeon", "pyon"], 용: ["yong", "ryong"], 룡: ["ryong", "yong"], 봉: ["bong", "pong"],
};

/** Revised Romanisation of each syllable on its own, joined: 김옥화 → "gimokhwa". */
export function romanizeSyllables(hangul: string): string {
  return [...hangul].map((s) => romanize(s)).join("");
}

/** A McCune–Reischauer-like form without diacritics, per syllable: 명순 → "myongsun", 광혁 → "kwanghyok". */
export function mrLike(hangul: string): string {
  return [...hangul]
    .map((s) =>
      romanize(s)
        .replace(/^g/, "k").replace(/^d/, "t").replace(/^b/, "p").replace(/^j/, "ch")
        .replace(/eo/g, "o").replace(/eu/g, "u"),
    )
    .join("");
}

/** Every usual romanised form of a Hangul name, family name first, compacted. */
export function romanisedForms(hangul: string): string[] {
  const chars = [...hangul];
  if (chars.length < 2) return [romanizeSyllables(hangul), mrLike(hangul)];
  // Two-syllable family names (남궁, 황보, 제갈, 선우…) are rare; treat the first syllable as family name.
  const [family, ...rest] = chars;
  const given = rest.join("");
  const families = new Set([romanize(family!), mrLike(family!), ...(FAMILY_NAME_SPELLINGS[family!] ?? [])]);
  const givens = new Set([romanizeSyllables(given), mrLike(given)]);
  const forms = new Set<string>();
  for (const f of families) for (const g of givens) forms.add(f + g);
  for (const g of givens) forms.add(g); // given name alone
  return [...forms];
}
