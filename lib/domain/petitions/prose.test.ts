import { describe, expect, it } from "vitest";
import { ageOn, datePhrase, dateText, facilityName, initials, joinList, numberParagraphs, personName, romanName } from "./prose";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const kim = { familyNameRoman: "Kim", givenNameRoman: "Young-hee", nameHangul: "김영희", nameChinese: "金英姬" };

describe("partial dates in prose", () => {
  it("says 'on' a day, 'in' a month or a year, in English", () => {
    expect(datePhrase({ date: d("2023-10-14"), precision: "DAY" }, "en")).toBe("on 14 October 2023");
    expect(datePhrase({ date: d("2023-10-01"), precision: "MONTH" }, "en")).toBe("in October 2023");
    expect(datePhrase({ date: d("2023-01-01"), precision: "YEAR" }, "en")).toBe("in 2023");
  });

  it("writes Korean dates to the precision known, without a preposition", () => {
    expect(dateText({ date: d("2023-10-14"), precision: "DAY" }, "ko")).toBe("2023년 10월 14일");
    expect(datePhrase({ date: d("2023-10-01"), precision: "MONTH" }, "ko")).toBe("2023년 10월");
    expect(dateText({ date: d("2023-01-01"), precision: "YEAR" }, "ko")).toBe("2023년");
  });
});

describe("names as consent allows", () => {
  it("writes the full name family-name-first with the Hangul, and Korean-first in Korean", () => {
    expect(personName(kim, "FULL_NAME", "en")).toBe("KIM Young-hee (김영희)");
    expect(personName(kim, "FULL_NAME", "ko")).toBe("김영희(KIM Young-hee)");
    expect(personName(kim, "FULL_NAME", "en", { withChinese: true })).toBe("KIM Young-hee (김영희, 金英姬)");
    expect(personName(kim, "FULL_NAME", "en", { short: true })).toBe("KIM Young-hee");
  });

  it("gives only initials under INITIALS, whatever else is recorded", () => {
    const text = personName(kim, "INITIALS", "en", { withChinese: true });
    expect(text).toBe("K.Y.H.");
    expect(personName(kim, "INITIALS", "ko")).toBe("K.Y.H.");
  });

  it("derives initials from romanised names, split on hyphens and spaces", () => {
    expect(initials({ familyNameRoman: "Ri", givenNameRoman: "Chol Ho", nameHangul: null })).toBe("R.C.H.");
    expect(initials({ familyNameRoman: "Park", givenNameRoman: null, nameHangul: "박" })).toBe("P.");
  });

  it("falls back to the Hangul, with the usual Latin letter for family names like 김 and 박", () => {
    expect(initials({ familyNameRoman: null, givenNameRoman: null, nameHangul: "김영희" })).toBe("K.Y.H.");
    expect(initials({ familyNameRoman: null, givenNameRoman: null, nameHangul: "박 철" })).toBe("P.C.");
    expect(initials({ familyNameRoman: null, givenNameRoman: null, nameHangul: "리명순" })).toBe("R.M.S.");
    expect(initials({ familyNameRoman: null, givenNameRoman: null, nameHangul: null })).toBe("N.N.");
  });

  it("romanises a Hangul-only name for the English text", () => {
    expect(romanName({ familyNameRoman: null, givenNameRoman: null, nameHangul: "박철민" })).toBe("PAK Cheol-min");
    expect(personName({ familyNameRoman: null, givenNameRoman: null, nameHangul: "박철민" }, "FULL_NAME", "en")).toBe("PAK Cheol-min (박철민)");
  });
});

describe("facilities, lists, numbering, age", () => {
  it("names a facility in English and its local script", () => {
    const f = { nameEn: "Tumen Border Defence Detention Centre", nameLocal: "图们边防支队看守所" };
    expect(facilityName(f, "en")).toBe("Tumen Border Defence Detention Centre (图们边防支队看守所)");
    expect(facilityName(f, "ko")).toBe("Tumen Border Defence Detention Centre(图们边防支队看守所)");
    expect(facilityName({ nameEn: "Onsong holding centre", nameLocal: null }, "en")).toBe("Onsong holding centre");
  });

  it("numbers paragraphs from a given start and reports the next number", () => {
    expect(numberParagraphs(["First.", "Second."], 4)).toEqual({ body: "4. First.\n\n5. Second.", next: 6 });
  });

  it("joins lists naturally", () => {
    expect(joinList(["A", "B", "C"], "en")).toBe("A, B and C");
    expect(joinList(["A", "B"], "ko")).toBe("A 및 B");
  });

  it("counts age to the precision known", () => {
    const today = d("2026-11-28");
    expect(ageOn({ date: d("1990-12-01"), precision: "MONTH" }, today)).toBe(35);
    expect(ageOn({ date: d("1990-11-29"), precision: "DAY" }, today)).toBe(35);
    expect(ageOn({ date: d("1990-11-28"), precision: "DAY" }, today)).toBe(36);
  });
});
