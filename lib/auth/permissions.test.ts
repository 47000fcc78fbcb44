import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "./permissions";

describe("can", () => {
  it("matches the role table of PRODUCT.md §2", () => {
    expect(can({ role: "ADMIN" }, "user.manage")).toBe(true);
    expect(can({ role: "LAWYER" }, "user.manage")).toBe(false);
    expect(can({ role: "LAWYER" }, "petition.approve")).toBe(true);
    expect(can({ role: "CASEWORKER" }, "petition.approve")).toBe(false);
    expect(can({ role: "CASEWORKER" }, "petition.draft")).toBe(true);
    expect(can({ role: "CASEWORKER" }, "detainee.restricted.read")).toBe(false);
    expect(can({ role: "LAWYER" }, "detainee.restricted.read")).toBe(true);
    expect(can({ role: "VIEWER" }, "detainee.read")).toBe(true);
    expect(can({ role: "VIEWER" }, "detainee.update")).toBe(false);
    expect(can({ role: "VIEWER" }, "detainee.export")).toBe(false);
    expect(can({ role: "CASEWORKER" }, "event.write")).toBe(true);
  });

  it("fails closed for unknown roles, unknown actions and no viewer", () => {
    expect(can({ role: "SUPERUSER" }, "detainee.read")).toBe(false);
    expect(can({ role: "ADMIN" }, "nuke.everything" as Permission)).toBe(false);
    expect(can({ role: "ADMIN" }, "toString" as Permission)).toBe(false);
    expect(can(null, "detainee.read")).toBe(false);
  });

  it("gives VIEWER no write, export or restricted permission", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      if (permission.endsWith(".read") && permission !== "detainee.restricted.read" && permission !== "audit.read") continue;
      expect((roles as readonly string[]).includes("VIEWER"), permission).toBe(false);
    }
  });
});
