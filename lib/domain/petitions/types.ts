// The contract between the petition templates (lib/domain/petitions/templates), the workflow and
// database layer (lib/domain/petitions/{workflow,mutations,queries}.ts) and the exporters
// (lib/domain/petitions/export). Pure types only.
import type { ConsentChannel, PetitionKind, PetitionStatus } from "@/lib/generated/prisma/enums";
import type { PetitionCaseData } from "./case-data";

/** One section of a petition as stored in Petition.content (JSON). */
export type PetitionSection = {
  /** Stable key from the template (e.g. "identity", "arrest", "urgency"). */
  key: string;
  heading: string;
  /**
   * The text. Paragraphs are separated by a blank line ("\n\n"); a paragraph whose first line
   * starts with "1. ", "2. " … is a numbered paragraph. Plain text only — never HTML.
   */
  body: string;
  /** The body as last generated; `edited` is body !== generatedBody. */
  generatedBody: string;
  edited: boolean;
};

/** Petition.content. */
export type PetitionContent = {
  /** Bumped when a template changes its section layout. */
  templateVersion: number;
  generatedAt: string; // ISO timestamp
  title: string;
  sections: PetitionSection[];
};

/** A required element of a channel (UN-PETITIONS.md), checked against the case data. */
export type RequiredElementCheck = {
  key: string;
  /** Message key in the `petitionElements` namespace (en + ko), e.g. "petitionElements.birthDateOrAge". */
  labelKey: string;
  /** Optional ICU params for the label (e.g. { name: "K.Y.H." }). */
  labelParams?: Record<string, string | number>;
  present: boolean;
  /** Where the user fixes it: a case field, the consent panel, the team's organisation details. */
  fixHref: string | null;
};

/** What the exporters receive: everything needed to lay out a document, nothing restricted. */
export type PetitionDocument = {
  reference: string; // e.g. "HV-PET-2026-0007" or the petition id; used in header and file name
  title: string;
  language: "en" | "ko";
  /** ISO date (YYYY-MM-DD) printed in the header. */
  date: string;
  /** e.g. "CONFIDENTIAL — for the United Nations only" / "대외비"; printed on every page. */
  confidentiality: string;
  organisation: string; // submitting organisation, for the header
  sections: { heading: string; body: string }[];
};

export type PetitionKindValue = PetitionKind;
export type PetitionStatusValue = PetitionStatus;
export type ConsentChannelValue = ConsentChannel;

/** What a template renders: the title and its sections, before any human edit. */
export type GeneratedPetition = { title: string; sections: { key: string; heading: string; body: string }[] };

/**
 * One channel's template (lib/domain/petitions/templates). `checks` lists every required element
 * of the channel (UN-PETITIONS.md) and whether the case data holds it; `generate` renders the
 * document, writing a visible "[… — missing]" placeholder wherever a check is not present.
 */
export type PetitionTemplate = {
  kind: PetitionKind;
  /** The consent channel that governs naming and approval; null for advocacy letters. */
  channel: ConsentChannel | null;
  language: "en" | "ko";
  minDetainees: number;
  maxDetainees: number | null;
  /** Set when the template cannot be used (message key in `petitionKinds`, e.g. why CAT art. 22 is unavailable). */
  unavailableKey?: string;
  /** The letter needs database-wide figures (returns by facility and month, people at risk). */
  usesAggregates?: boolean;
  checks(data: PetitionCaseData): RequiredElementCheck[];
  generate(data: PetitionCaseData): GeneratedPetition;
};
