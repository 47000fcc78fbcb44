import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateKeySpec } from "@/lib/crypto/field";
import { assertProductionSettings } from "./startup-check";

const base = { NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://haven.example", HAVEN_AUDIT_KEY: randomBytes(32).toString("base64") };

function start(keys: string): { exited: boolean; message: string } {
  vi.stubEnv("NEXTAUTH_SECRET", base.NEXTAUTH_SECRET);
  vi.stubEnv("NEXTAUTH_URL", base.NEXTAUTH_URL);
  vi.stubEnv("HAVEN_AUDIT_KEY", base.HAVEN_AUDIT_KEY);
  vi.stubEnv("HAVEN_ENCRYPTION_KEYS", keys);
  const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  assertProductionSettings();
  return { exited: exit.mock.calls.length > 0, message: error.mock.calls.map((c) => String(c[0])).join("\n") };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("start-up check of HAVEN_ENCRYPTION_KEYS (S18)", () => {
  it("starts with distinct random keys (positive control)", () => {
    expect(start(`${generateKeySpec("k2")},${generateKeySpec("k1")}`)).toEqual({ exited: false, message: "" });
  });

  it("refuses a duplicated key id with a clear message", () => {
    const r = start(`${generateKeySpec("k1")},${generateKeySpec("k1")}`);
    expect(r.exited).toBe(true);
    expect(r.message).toMatch(/Haven will not start: HAVEN_ENCRYPTION_KEYS: key id k1 appears twice/);
  });

  it("refuses an all-zero key and an all-equal key", () => {
    const zero = start(`${generateKeySpec("k2")},k1:${Buffer.alloc(32).toString("base64")}`);
    expect(zero.exited).toBe(true);
    expect(zero.message).toMatch(/key k1 has all 32 bytes equal/);
    vi.restoreAllMocks();
    expect(start(`k1:${Buffer.alloc(32, 7).toString("base64")}`).exited).toBe(true);
  });
});
