// S21: the logger redacts personal and secret fields, reduces errors to type + code, and a value
// containing newlines cannot forge a second log line.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED_FIELDS } from "@/lib/logger";

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(stream, "trace");
  return { logger, text: () => chunks.join(""), lines: () => chunks.join("").split("\n").filter(Boolean) };
}

const CANARY = "CANARY-7f3a-김선향";

// Fixed here rather than read from REDACTED_FIELDS: dropping a name from the logger's list must
// fail a test. Secrets first, then the personal data SECURITY.md S21 names.
const MUST_REDACT = [
  "password", "currentPassword", "newPassword", "passwordHash", "token", "secret", "totpSecret", "otp", "totpCode", "cookie", "authorization",
  "email", "displayName", "familyContacts", "identity", "contact", "phone", "familyNameRoman", "givenNameRoman", "nameHangul", "nameChinese",
  "aliases", "narrative", "body", "notes", "description",
];

describe("log redaction", () => {
  it.each(REDACTED_FIELDS)("never writes the value of %s, at any of three depths", (field) => {
    const out = capture();
    out.logger.info({ [field]: CANARY, user: { [field]: CANARY }, req: { headers: { [field]: CANARY } } }, "event");
    expect(out.text()).not.toContain("CANARY");
    expect(out.text()).toContain("[redacted]");
  });

  it.each(MUST_REDACT)("redacts %s (a secret or personal field SECURITY.md S21 names)", (field) => {
    const out = capture();
    out.logger.info({ [field]: CANARY, user: { [field]: CANARY } }, "event");
    expect(out.text()).not.toContain("CANARY");
  });

  it("keeps ids, codes and counts", () => {
    const out = capture();
    out.logger.warn({ action: "detainee.update", code: "NOT_FOUND", detaineeId: "cku1", rows: 3 }, "action refused");
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({ action: "detainee.update", code: "NOT_FOUND", detaineeId: "cku1", rows: 3, app: "haven" });
  });

  it("logs an error's type and code, never its message or stack (they quote the failing values)", () => {
    const out = capture();
    const err = Object.assign(new Error(`Unique constraint failed on email ${CANARY}`), { code: "P2002" });
    out.logger.error({ err }, "action failed");
    const line = JSON.parse(out.lines()[0]!);
    expect(line.err).toEqual({ type: "Error", code: "P2002" });
    expect(out.text()).not.toContain("CANARY");
  });
});

describe("log injection", () => {
  const hostile = `ok\n{"level":60,"msg":"admin password reset","forged":true}\r\n\u2028{"level":60}`;

  it("keeps a hostile value, message and key on one line that parses back to the same string", () => {
    const out = capture();
    out.logger.info({ q: hostile, [hostile]: 1 }, hostile);
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.msg).toBe(hostile);
    expect(parsed.q).toBe(hostile);
    expect(parsed[hostile]).toBe(1);
    expect(parsed.forged).toBeUndefined();
  });

  it("writes exactly one JSON line per call, whatever the input", () => {
    const out = capture();
    const inputs = [hostile, "\n\n\n", "\\n", '"}\n{"', "\u0000\u001b[31m", "a".repeat(10_000)];
    for (const s of inputs) out.logger.info({ s }, s);
    const lines = out.lines();
    expect(lines).toHaveLength(inputs.length);
    lines.forEach((l, i) => expect(JSON.parse(l).s).toBe(inputs[i]));
  });
});
