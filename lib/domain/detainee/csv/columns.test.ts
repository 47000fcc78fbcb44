import { describe, expect, it } from "vitest";
import { normaliseHeader, parseImportStatus, parseSex, parseYesNo } from "./columns";

describe("CSV vocabularies", () => {
  it("matches headers case- and spacing-insensitively, ignoring a BOM", () => {
    expect(normaliseHeader("\uFEFFCase_Ref")).toBe("case_ref");
    expect(normaliseHeader(" Family Name-Roman ")).toBe("family_name_roman");
    expect(normaliseHeader("NAME_HANGUL")).toBe("name_hangul");
  });

  it("reads sex in English and Korean; empty is unknown", () => {
    expect(["F", "female", "여", "여성", " Female "].map(parseSex)).toEqual(Array(5).fill("FEMALE"));
    expect(["M", "male", "남", "남성"].map(parseSex)).toEqual(Array(4).fill("MALE"));
    expect(parseSex("")).toBe("UNKNOWN");
    expect(parseSex("기타")).toBe("OTHER");
    expect(parseSex("woman?")).toBeNull();
  });

  it("accepts only the starting statuses, in English or Korean", () => {
    expect(["REPORTED", "reported", "신고됨", ""].map(parseImportStatus)).toEqual(Array(4).fill("REPORTED"));
    expect(["DETAINED", "Detained", "구금 중", "구금중"].map(parseImportStatus)).toEqual(Array(4).fill("DETAINED"));
    expect(parseImportStatus("REPATRIATED")).toBeNull();
    expect(parseImportStatus("강제송환")).toBeNull();
  });

  it("reads yes/no in English and Korean; empty is no", () => {
    expect(["yes", "Y", "예", "네", "TRUE", "1", "O"].map(parseYesNo)).toEqual(Array(7).fill(true));
    expect(["no", "N", "아니요", "아니오", "", "0", "X"].map(parseYesNo)).toEqual(Array(7).fill(false));
    expect(parseYesNo("maybe")).toBeNull();
  });
});
