// Every weight of the repatriation risk model lives here, so that changing the model is one
// reviewed diff. Each comment cites the public pattern it reflects (RI-xx are the indicators in
// shared/data/events.json `risk_indicators`; EV-xx are its events). docs/risk-model.md explains
// them for lawyers. These are judgement calls from sparse public reporting, not fitted values.
import type { Confidence, FacilityType, IndicatorType, VerificationStatus } from "@/lib/generated/prisma/enums";

export type RiskLevel = "LOW" | "ELEVATED" | "HIGH" | "IMMINENT";

/** Lower bounds of each level (PRODUCT.md §3): LOW <25, ELEVATED 25-49, HIGH 50-74, IMMINENT ≥75. */
export const LEVEL_FLOORS = { ELEVATED: 25, HIGH: 50, IMMINENT: 75 } as const;

export const MS_PER_DAY = 86_400_000;

// ── Repatriation events at the facility ────────────────────────────────────────────────────

/** Points of one confirmed return of a single person, on the day it happened. */
// Returns come in batches from the same centres (RI-05, EV-2024-H2-DANDONG: "another batch
// expected at month-end"), so a fresh return is the strongest sign the next one is coming.
export const EVENT_BASE_POINTS = 20;

/** Multiplier per factor of 10 in batch size: 1 person ×1, 10 ×1.6, 100 ×2.2, 600 ×2.67. */
// Large batches mean an organised, agreed pipeline (EV-2023-10-09: ~500-600 over two nights via
// five crossings); log-scaled so a 600-person night does not drown every other signal.
export const BATCH_LOG10_FACTOR = 0.6;

/** An event's points halve every this many days. */
// Batches from the same facilities recurred within weeks to months (Aug, Sep, Oct 2023; Apr 2024),
// so a return still says something two months on and little after half a year.
export const EVENT_HALF_LIFE_DAYS = 60;

/** How much an event counts by how well it is verified. */
export const VERIFICATION_WEIGHT: Record<VerificationStatus, number> = {
  CONFIRMED: 1, // e.g. EV-2023-10-09: the ROK Unification Ministry said it "appears to be true"
  CORROBORATED: 0.8, // several independent outlets (HRW + RFA) but no official acknowledgement
  REPORTED: 0.5, // single outlet or family source (EV-2019-12, EV-2024-H2-DANDONG)
  DISPUTED: 0.15, // contradicted by later reports (EV-2023-09-02 "near-total clearance"); kept visible, small
};

// ── Regional wave ──────────────────────────────────────────────────────────────────────────

/** Returns from other facilities in the same province count if this recent. */
// Oct 2023: Jilin and Liaoning centres were emptied in one coordinated operation (EV-2023-10-09);
// Apr 2024 again drew on several Jilin/Liaoning centres at once (EV-2024-04-26).
export const REGIONAL_WINDOW_DAYS = 30;
/** Points per confirmed single-person return elsewhere in the province (batch factor applies). */
export const REGIONAL_EVENT_POINTS = 6;
/** A wave raises the floor for everyone but cannot by itself make a facility HIGH. */
export const REGIONAL_CAP = 20;

// ── Indicators (at the facility or about the detainee) ────────────────────────────────────

/** An indicator's points halve every this many days. */
// Indicators are pre-transfer signs that resolve in days to weeks (RI-09 "hours", RI-16 supplies
// refused then >180 returned the same month), so they fade faster than events.
export const INDICATOR_HALF_LIFE_DAYS = 30;

/** Points of a fresh, HIGH-confidence indicator of each type. */
export const INDICATOR_WEIGHT: Record<IndicatorType, number> = {
  TRANSFER_TO_BORDER_FACILITY: 20, // RI-02 (medium-high): at the Tumen unit "only the timing of handover remains"
  INTERROGATION_COMPLETED: 10, // RI-01 (medium, 2012): investigation over, detainees dispersed to border centres
  PHOTOGRAPHED_OR_CONFESSION_SIGNED: 18, // RI-03 (single outlet, 2024 Baishan): read by relatives and police as "near"
  DPRK_OFFICIALS_VISIT: 18, // RI-08: MSS pressing for handover; officials crossed to direct the Oct 2023 handover
  IDENTITY_CONFIRMED_TO_DPRK: 0, // scored separately, without decay: identity once confirmed stays confirmed
  SENTENCE_ENDING: 12, // RI-04: people finishing Chinese sentences were sent straight to border detention
  FAMILY_CONTACT_LOST: 8, // RI-15: loss of contact often follows a return; ambiguous before one
  SUPPLIES_REFUSED: 15, // RI-16 (low-medium): relatives' food refused in Oct 2023, read as preparation for return
  VISITS_REFUSED: 8, // RI-11 (one case): family could deliver but not see the detainee; weak signal
  BORDER_CROSSING_OPENED: 15, // RI-07 (high): returns resumed right after the Aug 2023 reopening
  DIPLOMATIC_CALENDAR: 12, // RI-06: returns after the Asian Games (Oct 2023) and the Zhao Leji visit (Apr 2024)
  MASS_TRANSPORT_SEEN: 25, // RI-10: buses, cordons and special customs openings are day-of markers
  OTHER: 5, // unclassified; counted a little so it is not ignored
};

/** How much an indicator counts by the confidence recorded for it. */
export const CONFIDENCE_WEIGHT: Record<Confidence, number> = { HIGH: 1, MEDIUM: 0.75, LOW: 0.5 };

// ── Facility type ─────────────────────────────────────────────────────────────────────────

/** Base points for where a person is held. DPRK facilities are 0: the return has happened. */
export const FACILITY_TYPE_POINTS: Record<FacilityType, number> = {
  BORDER_DEFENCE_STATION: 30, // RI-02: border units are "the stage right before repatriation" (Kukmin Ilbo 2012)
  DETENTION_CENTRE: 20, // RI-05: centres such as Dandong and Baishan hold people "until a sufficient group is collected"
  PUBLIC_SECURITY_BUREAU: 10, // RI-01: PSB investigation comes first, then transfer to the border
  INTERROGATION_FACILITY: 10, // as PSB: a step before the border centres
  PRISON: 8, // RI-04: a sentence delays return, but completion leads straight to it
  OTHER: 10, // unknown kind of place: a middle value, not zero
  DPRK_HOLDING_CENTRE: 0, // already in the DPRK: forced return is no longer ahead (other work applies)
  LABOUR_TRAINING_CAMP: 0,
  RE_EDUCATION_CAMP: 0,
  POLITICAL_PRISON_CAMP: 0,
};

/** ISO country code of the DPRK; any facility there scores 0 for type whatever its type says. */
export const DPRK_COUNTRY = "KP";

// ── Detainee ──────────────────────────────────────────────────────────────────────────────

/** Points per day in the current custody period, and their cap. */
// People accumulate until a batch is full (RI-05); those held longest were in the Oct 2023 return
// (held since the COVID closure). Reaches the cap at 75 days, the order of the 2023 intervals.
export const CUSTODY_POINTS_PER_DAY = 0.2;
export const CUSTODY_CAP = 15;

/** A move from a non-border facility to a border station within this many days. */
// RI-02 (medium-high): inland arrestees sent to Jilin by train (KBS 2024) or Shenyang to Dandong.
export const TRANSFER_WINDOW_DAYS = 30;
export const TRANSFER_POINTS = 20;

/** Identity confirmed to DPRK officials (indicator IDENTITY_CONFIRMED_TO_DPRK), never decays. */
// Returns require DPRK acceptance of the person (RI-08: MSS notified families of pending returns).
export const IDENTITY_CONFIRMED_POINTS = 15;
