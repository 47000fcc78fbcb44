import "server-only";
// Drafting and completeness checking: the case data, loaded in the viewer's scope, run through the
// channel's template. Callers (the petitions workflow and its actions) own the transaction, the
// stored content and the audit entry; this module only reads.
import type { Viewer } from "@/lib/auth/viewer";
import type { Tx } from "@/lib/db/client";
import type { PetitionKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { loadPetitionCaseData, type PetitionCaseData } from "./case-data";
import { getTemplate } from "./templates";
import type { GeneratedPetition, PetitionTemplate, RequiredElementCheck } from "./types";

export type DraftInput = { kind: PetitionKind; teamId: string; detaineeIds: string[]; language?: "en" | "ko"; now?: Date };
export type DraftResult = GeneratedPetition & { checks: RequiredElementCheck[] };

async function prepare(tx: Tx, viewer: Viewer, input: DraftInput): Promise<{ template: PetitionTemplate; data: PetitionCaseData }> {
  const template = getTemplate(input.kind);
  // Scope first: an outsider learns nothing about the ids, not even whether the count is right.
  const data = await loadPetitionCaseData(tx, viewer, {
    teamId: input.teamId,
    detaineeIds: input.detaineeIds,
    language: template.language,
    today: input.now ?? new Date(),
    withAggregates: template.usesAggregates,
  });
  if (template.unavailableKey) throw new AppError("INVALID", "This template is not available for this State.");
  // Each channel has one language (UN mechanisms: English; the ROK letter: Korean). Refusing a
  // mismatch beats silently handing back a document in a language the caller did not ask for.
  if (input.language && input.language !== template.language) {
    throw new AppError("INVALID", template.language === "ko" ? "This letter is written in Korean." : "This submission is written in English.");
  }
  const count = data.people.length;
  if (count < template.minDetainees || (template.maxDetainees !== null && count > template.maxDetainees)) {
    throw new AppError(
      "INVALID",
      template.maxDetainees === 1 ? "This form covers exactly one person." : `Select between ${template.minDetainees} and ${template.maxDetainees ?? "any number of"} people.`,
      { detaineeIds: ["count"] },
    );
  }
  return { template, data };
}

/** The generated draft (title, sections) and its completeness checks. */
export async function draftPetition(tx: Tx, viewer: Viewer, input: DraftInput): Promise<DraftResult> {
  assertCan(viewer, "petition.draft");
  const { template, data } = await prepare(tx, viewer, input);
  return { ...template.generate(data), checks: template.checks(data) };
}

/** The completeness checks alone, re-run against the current case data (e.g. before approval). */
export async function checkPetition(tx: Tx, viewer: Viewer, input: DraftInput): Promise<RequiredElementCheck[]> {
  assertCan(viewer, "petition.read");
  const { template, data } = await prepare(tx, viewer, input);
  return template.checks(data);
}
