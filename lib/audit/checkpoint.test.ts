// Audit checkpoints (S19): signed under HAVEN_AUDIT_KEY, appended to a 0600 file, checked line by line.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendAuditCheckpoint, auditCheckpointsPath, checkAuditCheckpoint, readAuditCheckpoints, signAuditCheckpoint } from "./checkpoint";

const key = randomBytes(32);
const dir = mkdtempSync(path.join(tmpdir(), "haven-checkpoints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const head = { seq: 42n, hash: "ab".repeat(32) };
const at = new Date(Date.UTC(2026, 11, 3, 12));

describe("audit checkpoints", () => {
  it("verifies its own signature and rejects another key, an edited field or a malformed line", () => {
    const c = signAuditCheckpoint(key, head, at);
    expect(c).toMatchObject({ v: 1, seq: "42", hash: head.hash, at: "2026-12-03T12:00:00.000Z" });
    expect(checkAuditCheckpoint(key, { line: 1, value: c })).toEqual({ ok: true, seq: 42n, hash: head.hash, at: c.at });
    expect(checkAuditCheckpoint(randomBytes(32), { line: 1, value: c })).toMatchObject({ ok: false, reason: expect.stringMatching(/line 1 .*wrong signature/) });
    expect(checkAuditCheckpoint(key, { line: 2, value: { ...c, seq: "41" } })).toMatchObject({ ok: false, reason: expect.stringMatching(/wrong signature/) });
    expect(checkAuditCheckpoint(key, { line: 3, value: { ...c, hash: "cd".repeat(32) } })).toMatchObject({ ok: false });
    expect(checkAuditCheckpoint(key, { line: 4, value: null })).toEqual({ ok: false, reason: "checkpoint line 4 is not a checkpoint" });
  });

  it("appends lines to a file created 0600 (and tightens a file someone made readable)", () => {
    const file = path.join(dir, "sub", "audit-checkpoints.jsonl");
    expect(readAuditCheckpoints(file)).toEqual({ exists: false, lines: [] });
    appendAuditCheckpoint(file, signAuditCheckpoint(key, head, at));
    appendAuditCheckpoint(file, signAuditCheckpoint(key, { seq: 43n, hash: "cd".repeat(32) }, at));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
    const { exists, lines } = readAuditCheckpoints(file);
    expect(exists).toBe(true);
    expect(lines.map((l) => checkAuditCheckpoint(key, l).ok)).toEqual([true, true]);
    writeFileSync(file, "garbage\n", { flag: "a" });
    expect(readAuditCheckpoints(file).lines[2]).toEqual({ line: 3, value: null });
    chmodSync(file, 0o644);
    appendAuditCheckpoint(file, signAuditCheckpoint(key, head, at));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("lives under ./data unless HAVEN_AUDIT_CHECKPOINTS says otherwise", () => {
    expect(auditCheckpointsPath({} as NodeJS.ProcessEnv)).toBe(path.join(process.cwd(), "data", "audit-checkpoints.jsonl"));
    expect(auditCheckpointsPath({ HAVEN_AUDIT_CHECKPOINTS: "/var/lib/haven/cp.jsonl" } as unknown as NodeJS.ProcessEnv)).toBe("/var/lib/haven/cp.jsonl");
  });
});
