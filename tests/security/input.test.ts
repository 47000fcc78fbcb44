import { describe, expect, it } from "vitest";
import { escapeLike, stripControlChars } from "@/lib/security/input";

describe("escapeLike", () => {
  it("escapes the LIKE wildcards and the escape character itself", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("김선향 Kim")).toBe("김선향 Kim");
  });
});

describe("stripControlChars", () => {
  it("removes NUL and other control characters, keeps text, tabs and newlines", () => {
    expect(stripControlChars("a\u0000b\u001b[31mc\u007f\u0085")).toBe("ab[31mc");
    expect(stripControlChars("line 1\nline 2\tx\r\n")).toBe("line 1\nline 2\tx\r\n");
    expect(stripControlChars("두만강 \u202e")).toBe("두만강 \u202e");
  });
});
