import { describe, expect, it } from "vitest";
import { pickLocale } from "./locale";
import { loadMessages } from "./messages";

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

  it("has every message in both English and Korean, in every area file", async () => {
    const [en, ko] = await Promise.all([loadMessages("en"), loadMessages("ko")]);
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    for (const k of keys(ko)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ko), k).not.toBe("");
  });
});
