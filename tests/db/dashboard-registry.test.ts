// The dashboard reads the facility registry (and lays out its map) once per change of the
// registry (issue 11 item 5): on both engines, every kind of change a user or the risk job makes
// moves the version, and the cached registry then answers with the change in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createFacility, updateFacility } from "@/lib/domain/facility/mutations";
import { facilityRegistry, facilityRegistryVersion } from "@/lib/domain/dashboard/queries";
import { rescoreEverything } from "@/lib/domain/risk/refresh";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Viewer;
const input = { nameEn: "Cache test centre", type: "BORDER_DEFENCE_STATION", country: "CN", province: "Jilin", latitude: 42.9, longitude: 129.8 } as const;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  admin = await makeViewer("ADMIN", [await makeTeam()]);
});
afterAll(async () => db?.close());

async function changes(step: () => Promise<unknown>) {
  const before = await facilityRegistryVersion();
  await facilityRegistry(before);
  await step();
  const after = await facilityRegistryVersion();
  return { before, after, registry: await facilityRegistry(after) };
}

describe("facility registry version", () => {
  let id: string;

  it("is stable while nothing changes, and the registry is then read once", async () => {
    const v = await facilityRegistryVersion();
    expect(await facilityRegistryVersion()).toBe(v);
    const registry = await facilityRegistry(v);
    expect(await facilityRegistry(v)).toBe(registry); // the same object: not read again
    // Shared by every request: changing it in place throws instead of changing what others see.
    expect(() => (registry.facilities as unknown[]).push({})).toThrow(TypeError);
  });

  it("moves when a facility is added, and the registry then holds it", async () => {
    const r = await changes(async () => (id = (await createFacility(admin, input)).id));
    expect(r.after).not.toBe(r.before);
    expect(r.registry.facilities.map((f) => f.id)).toContain(id);
  });

  it("moves when a facility is edited, and the registry then shows the edit", async () => {
    const { version } = (await prisma().detentionFacility.findUniqueOrThrow({ where: { id }, select: { version: true } }));
    const r = await changes(() => updateFacility(admin, { ...input, facilityId: id, version, nameEn: "Cache test centre (renamed)" }));
    expect(r.after).not.toBe(r.before);
    expect(r.registry.facilities.find((f) => f.id === id)?.nameEn).toBe("Cache test centre (renamed)");
  });

  it("moves when the risk job rescores, and the registry then carries the new time", async () => {
    const r = await changes(() => rescoreEverything(new Date(Date.now() + 60_000)));
    expect(r.after).not.toBe(r.before);
    expect(r.registry.scoredAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("moves when a facility is archived or deleted, and the registry then leaves it out", async () => {
    const archived = await changes(() => prisma().detentionFacility.update({ where: { id }, data: { archivedAt: new Date() } }));
    expect(archived.after).not.toBe(archived.before);
    expect(archived.registry.facilities.map((f) => f.id)).not.toContain(id);
    const other = (await createFacility(admin, { ...input, nameEn: "Cache test centre 2" })).id;
    const deleted = await changes(() => prisma().detentionFacility.delete({ where: { id: other } }));
    expect(deleted.after).not.toBe(deleted.before);
    expect(deleted.registry.facilities.map((f) => f.id)).not.toContain(other);
  });
});
