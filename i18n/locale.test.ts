import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { pickLocale } from "./locale";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("locale", () => {
  it("prefers the user's saved locale, then the cookie, then Accept-Language", () => {
    expect(pickLocale({ userLocale: "ko", cookie: "en", acceptLanguage: "en-US" })).toBe("ko");
    expect(pickLocale({ cookie: "ko", acceptLanguage: "en-US" })).toBe("ko");
    expect(pickLocale({ acceptLanguage: "ko-KR,ko;q=0.9,en;q=0.8" })).toBe("ko");
    expect(pickLocale({ acceptLanguage: "fr-FR" })).toBe("en");
    expect(pickLocale({ cookie: "xx" })).toBe("en");
  });

  it("has every message in both English and Korean", () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    for (const [k, v] of Object.entries(ko)) expect(JSON.stringify(v), k).not.toBe("");
  });
});
