import { describe, expect, it } from "vitest";
import { sourceLink } from "./source-links";

describe("sourceLink", () => {
  it("links http(s) with a short, decoded label", () => {
    expect(sourceLink("https://www.rfa.org/english/news/korea/x.html")).toEqual({ href: "https://www.rfa.org/english/news/korea/x.html", label: "rfa.org/english/news/korea/x.html" });
    const long = sourceLink("https://www.dailynk.com/%ED%88%AC%EB%A8%BC%EA%B5%AC%EB%A5%98%EC%86%8C-%EC%A6%9D%EC%B6%95-%ED%99%95%EC%9D%B8-%EB%8C%80%EB%9F%89%EB%B6%81%EC%86%A1-%EC%98%88%EA%B3%A0/", 20);
    expect(long.label).toBe("dailynk.com/투먼구류소-증…");
    expect(long.label.length).toBeLessThanOrEqual(20);
  });

  it("never turns script or data URLs into links", () => {
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>1</script>", "not a url", "//evil.example"]) {
      expect(sourceLink(bad)).toEqual({ href: null, label: bad });
    }
  });
});
