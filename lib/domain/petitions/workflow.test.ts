import { describe, expect, it } from "vitest";
import type { PetitionStatus, Role } from "@/lib/generated/prisma/enums";
import { allowedTransitions, canEditPetition, canExportPetition, PETITION_STATUSES, PETITION_TRANSITIONS, transitionRule } from "./workflow";

const author = { id: "author", role: "LAWYER" as Role };
const other = (role: Role) => ({ id: `other-${role}`, role });
const at = (status: PetitionStatus, authorId: string | null = "author") => ({ status, authorId });
const targets = (status: PetitionStatus, viewer: { id: string; role: Role }, authorId: string | null = "author") =>
  allowedTransitions(at(status, authorId), viewer).map((t) => t.to);

describe("petition workflow table", () => {
  it("runs DRAFT → IN_REVIEW → APPROVED → SUBMITTED → ACKNOWLEDGED → RESPONSE_RECEIVED → CLOSED", () => {
    const line: PetitionStatus[] = ["DRAFT", "IN_REVIEW", "APPROVED", "SUBMITTED", "ACKNOWLEDGED", "RESPONSE_RECEIVED", "CLOSED"];
    for (let i = 0; i + 1 < line.length; i++) expect(PETITION_TRANSITIONS[line[i]!]).toContain(line[i + 1]);
  });

  it("lets every non-final status be withdrawn and nothing leave CLOSED or WITHDRAWN", () => {
    for (const s of PETITION_STATUSES) {
      const final = s === "CLOSED" || s === "WITHDRAWN";
      expect(PETITION_TRANSITIONS[s].includes("WITHDRAWN"), s).toBe(!final);
      if (final) expect(PETITION_TRANSITIONS[s]).toEqual([]);
    }
  });

  it("refuses moves outside the table, even for an admin", () => {
    expect(transitionRule(at("DRAFT"), other("ADMIN"), "SUBMITTED")).toEqual({ allowed: false, reason: "notInWorkflow" });
    expect(transitionRule(at("CLOSED"), other("ADMIN"), "DRAFT")).toEqual({ allowed: false, reason: "notInWorkflow" });
  });
});

describe("role rules", () => {
  it("a caseworker drafts and sends for review, nothing more", () => {
    const cw = { id: "author", role: "CASEWORKER" as Role };
    expect(targets("DRAFT", cw)).toEqual(["IN_REVIEW"]);
    expect(targets("IN_REVIEW", cw)).toEqual([]);
    expect(targets("APPROVED", other("CASEWORKER"))).toEqual([]);
    expect(transitionRule(at("IN_REVIEW"), other("CASEWORKER"), "APPROVED")).toEqual({ allowed: false, reason: "forbidden" });
  });

  it("a viewer can do nothing", () => {
    for (const s of PETITION_STATUSES) expect(targets(s, other("VIEWER"))).toEqual([]);
    expect(canEditPetition(at("DRAFT"), other("VIEWER"))).toBe(false);
    expect(canExportPetition(other("VIEWER"))).toBe(false);
  });

  it("another lawyer approves and submits; the author lawyer cannot", () => {
    expect(targets("IN_REVIEW", other("LAWYER"))).toEqual(["APPROVED", "DRAFT", "WITHDRAWN"]);
    expect(targets("APPROVED", other("LAWYER"))).toEqual(["SUBMITTED", "DRAFT", "WITHDRAWN"]);
    expect(transitionRule(at("IN_REVIEW"), author, "APPROVED")).toEqual({ allowed: false, reason: "ownPetition" });
    expect(transitionRule(at("APPROVED"), author, "SUBMITTED")).toEqual({ allowed: false, reason: "ownPetition" });
    expect(targets("IN_REVIEW", author)).toEqual(["DRAFT", "WITHDRAWN"]);
  });

  it("an admin author may approve their own draft only with a reason", () => {
    const admin = { id: "author", role: "ADMIN" as Role };
    expect(transitionRule(at("IN_REVIEW"), admin, "APPROVED")).toEqual({ allowed: true, requiresOverrideReason: true });
    expect(transitionRule(at("IN_REVIEW"), other("ADMIN"), "APPROVED")).toEqual({ allowed: true, requiresOverrideReason: false });
    expect(allowedTransitions(at("APPROVED"), admin)).toContainEqual({ to: "SUBMITTED", requiresOverrideReason: true });
  });

  it("a petition whose author was removed needs no override", () => {
    expect(transitionRule(at("IN_REVIEW", null), other("LAWYER"), "APPROVED")).toEqual({ allowed: true, requiresOverrideReason: false });
  });

  it("tracking after submission is for lawyers and admins", () => {
    expect(targets("SUBMITTED", author)).toEqual(["ACKNOWLEDGED", "RESPONSE_RECEIVED", "WITHDRAWN"]);
    expect(targets("SUBMITTED", other("CASEWORKER"))).toEqual([]);
  });

  it("sections are editable only in DRAFT and IN_REVIEW, by staff", () => {
    for (const s of PETITION_STATUSES) {
      expect(canEditPetition(at(s), other("CASEWORKER")), s).toBe(s === "DRAFT" || s === "IN_REVIEW");
    }
    expect(canExportPetition(other("LAWYER"))).toBe(true);
    expect(canExportPetition(other("CASEWORKER"))).toBe(false);
  });
});
