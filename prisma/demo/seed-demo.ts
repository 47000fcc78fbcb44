// Demo data: 3 fictional legal teams, users of every role, the real facilities and reported
// repatriation events of ../shared/data (copied into prisma/demo/*.json), and 40 fictional
// detainees with custody histories. Everything goes through the domain functions, so the demo
// exercises the same validation, audit and encryption as real use.
import { updateTeamOrganisation } from "@/lib/domain/team/organisation";
import { enrolDemoTwoFactor } from "@/lib/domain/user/security-demo";
import { prisma } from "@/lib/db/client";
import type { SystemActor } from "@/lib/auth/viewer";
import { createTeam } from "@/lib/domain/team/mutations";
import { createUser } from "@/lib/domain/user/mutations";
import { createFacility } from "@/lib/domain/facility/mutations";
import { createRepatriationEvent, linkDetaineesToEvent } from "@/lib/domain/event/mutations";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { createDetainee, changeDetaineeStatus } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { recordConsent } from "@/lib/domain/consent/mutations";
import type { RecordConsentInput } from "@/lib/domain/consent/schemas";
import facilities from "./facilities.json";
import events from "./events.json";
import indicators from "./indicators.json";
import detainees from "./detainees.json";

export const DEMO_TEAMS = ["Seoul Refugee Law Clinic", "Han River Human Rights Lawyers", "Northeast Asia Detention Watch"] as const;

/** Demo accounts. The passwords are public: never seed demo data into a real installation. */
export const DEMO_USERS = [
  { email: "admin@haven.test", displayName: "Haven Admin", role: "ADMIN", teams: [0, 1, 2], locale: "en" },
  { email: "lawyer.a@haven.test", displayName: "Park Ji-won (lawyer)", role: "LAWYER", teams: [0], locale: "ko" },
  { email: "lawyer.b@haven.test", displayName: "Choi Min-seo (lawyer)", role: "LAWYER", teams: [1], locale: "en" },
  { email: "lawyer.c@haven.test", displayName: "Lee Hana (lawyer)", role: "LAWYER", teams: [2], locale: "en" },
  { email: "caseworker.a@haven.test", displayName: "Jung Soo-ah (caseworker)", role: "CASEWORKER", teams: [0], locale: "ko" },
  { email: "caseworker.b@haven.test", displayName: "Kang Dae-ho (caseworker)", role: "CASEWORKER", teams: [1], locale: "en" },
  { email: "viewer.a@haven.test", displayName: "Yoon Seo-yeon (viewer)", role: "VIEWER", teams: [0], locale: "en" },
] as const;

export function demoPassword(email: string): string {
  return `${email.split("@")[0]}-demo-pass`;
}

/** Fictional contact details for the demo teams (example.org addresses, 02-555 numbers). */
const DEMO_ORGANISATIONS = [
  { orgLegalName: "Seoul Refugee Law Clinic (demo)", orgNameKo: "서울 난민법 클리닉(시연)", orgAddress: "12 Example-ro, Jongno-gu, Seoul 03000, Republic of Korea", orgEmail: "clinic@example.org", orgPhone: "+82 2 555 0101", orgWebsite: "https://clinic.example.org", orgSignatory: "Park Ji-won, Attorney at Law" },
  { orgLegalName: "Han River Human Rights Lawyers (demo)", orgNameKo: "한강 인권 변호사회(시연)", orgAddress: "34 Sample-daero, Mapo-gu, Seoul 04000, Republic of Korea", orgEmail: "office@example.org", orgPhone: "+82 2 555 0202", orgWebsite: "", orgSignatory: "Choi Min-seo, Attorney at Law" },
  { orgLegalName: "Northeast Asia Detention Watch (demo)", orgNameKo: "동북아 구금 감시(시연)", orgAddress: "56 Demo-gil, Seodaemun-gu, Seoul 03700, Republic of Korea", orgEmail: "watch@example.org", orgPhone: "", orgWebsite: "https://watch.example.org", orgSignatory: "Lee Hana, Director" },
];

type DemoDetainee = (typeof detainees)[number];

export async function seedDemo(log: (line: string) => void = () => {}): Promise<{ detainees: number }> {
  const db = prisma();
  if ((await db.user.count()) > 0) throw new Error("The database already has users: demo data is only seeded into an empty database.");
  const system: SystemActor = { system: "seed" };

  const teamIds: string[] = [];
  for (const name of DEMO_TEAMS) teamIds.push((await createTeam(system, { name })).id);
  // Fictional organisation details, as each team would print them on petitions.
  for (const [i, id] of teamIds.entries()) {
    const org = DEMO_ORGANISATIONS[i]!;
    await updateTeamOrganisation(system, { teamId: id, version: 1, ...org });
  }
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const { id } = await createUser(system, {
      email: u.email, displayName: u.displayName, role: u.role, locale: u.locale,
      password: demoPassword(u.email), teamIds: u.teams.map((t) => teamIds[t]!),
    });
    userIds.set(u.email, id);
  }
  // Admins and lawyers must use two-factor sign-in: demo accounts get the published demo secret
  // (`npm run demo:totp -- <email>` prints the current code).
  for (const u of DEMO_USERS) if (u.role === "ADMIN" || u.role === "LAWYER") await enrolDemoTwoFactor(u.email);
  const lawyerOfTeam = ["lawyer.a@haven.test", "lawyer.b@haven.test", "lawyer.c@haven.test"].map((e) => userIds.get(e)!);
  log(`teams: ${teamIds.length}, users: ${userIds.size}`);

  const facilityIds = new Map<string, string>();
  for (const f of facilities) facilityIds.set(f.refCode, (await createFacility(system, withoutNulls(f) as Parameters<typeof createFacility>[1])).id);
  const eventIds = new Map<string, string>();
  for (const e of events) {
    const { facilityRefCode, date, datePrecision, ...rest } = e;
    const facilityId = facilityRefCode ? facilityIds.get(facilityRefCode) ?? null : null;
    const input = { ...withoutNulls(rest), date: toPartialText(date, datePrecision)!, facilityId };
    eventIds.set(e.refCode, (await createRepatriationEvent(system, input as Parameters<typeof createRepatriationEvent>[1])).id);
  }
  for (const i of indicators) {
    const { facilityRefCode, ...rest } = i;
    await createIndicator(system, { ...rest, facilityId: facilityIds.get(facilityRefCode)! } as Parameters<typeof createIndicator>[1]);
  }
  log(`facilities: ${facilityIds.size}, events: ${eventIds.size}, indicators: ${indicators.length}`);

  for (const d of detainees as DemoDetainee[]) await seedDetainee(d, { system, teamIds, lawyerOfTeam, facilityIds, eventIds });
  log(`detainees: ${detainees.length}`);
  return { detainees: detainees.length };
}

async function seedDetainee(
  d: DemoDetainee,
  ctx: { system: SystemActor; teamIds: string[]; lawyerOfTeam: string[]; facilityIds: Map<string, string>; eventIds: Map<string, string> },
) {
  const { system } = ctx;
  const inChina = d.status === "REPORTED" || d.status === "DETAINED";
  const firstCustody = d.custody[0]?.fromDate ?? d.arrestDate ?? "2026-01-01";
  const { id } = await createDetainee(
    system,
    {
      teamId: ctx.teamIds[d.team]!, familyNameRoman: d.familyNameRoman, givenNameRoman: d.givenNameRoman,
      nameHangul: d.nameHangul, nameChinese: d.nameChinese ?? undefined, aliases: d.aliases, sex: d.sex as "FEMALE" | "MALE",
      birthDate: toPartialText(d.birthDate, d.birthDatePrecision), estimatedAge: d.estimatedAge, homeProvince: d.homeProvince,
      status: inChina ? (d.status as "REPORTED" | "DETAINED") : "DETAINED",
      arrestDate: toPartialText(d.arrestDate, d.arrestDatePrecision), arrestPlace: d.arrestPlace ?? undefined,
      arrestAuthority: d.arrestAuthority ?? undefined, narrative: d.narrative, healthConcerns: d.healthConcerns ?? undefined,
      hasSouthKoreaLinks: d.hasSouthKoreaLinks, familyContacts: d.familyContact ?? undefined,
      assignedUserIds: [ctx.lawyerOfTeam[d.team]!],
    },
    { year: Number(firstCustody.slice(0, 4)) },
  );
  const isNorth = (refCode: string) => refCode.startsWith("KP");
  const addPeriod = (c: DemoDetainee["custody"][number]) =>
    addCustodyPeriod(system, {
      detaineeId: id, facilityId: ctx.facilityIds.get(c.facilityRefCode)!,
      from: toPartialText(c.fromDate, c.fromPrecision)!, to: toPartialText(c.toDate, c.toPrecision),
      howKnown: c.howKnown, confidence: c.confidence as "LOW" | "MEDIUM" | "HIGH",
    });
  for (const c of d.custody.filter((c) => !isNorth(c.facilityRefCode))) await addPeriod(c);
  // A consent given by a relative: the giver's name and the notes are restricted (masked like family contacts).
  if ("consent" in d && d.consent) await recordConsent(system, { detaineeId: id, ...(d.consent as Omit<RecordConsentInput, "detaineeId">) });
  if (inChina) return;

  let version = (await prisma().detainee.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
  const eventId = d.repatriationEventRefCode ? ctx.eventIds.get(d.repatriationEventRefCode) : undefined;
  if (eventId) {
    await linkDetaineesToEvent(system, { eventId, detaineeIds: [id], note: "Reported returned in this batch by the family's contact (demo)." });
    version += 1;
  }
  const northPeriods = d.custody.filter((c) => isNorth(c.facilityRefCode));
  if (d.status === "DETAINED_IN_DPRK" && northPeriods.length > 0) {
    await changeDetaineeStatus(system, { detaineeId: id, to: "DETAINED_IN_DPRK", note: "A released returnee saw this person in custody in the DPRK (demo).", version });
    version += 1;
  }
  for (const c of northPeriods) {
    await addPeriod(c);
    version += 1;
  }
  if (d.status === "DISAPPEARED" || ((d.status === "RELEASED" || d.status === "RESETTLED") && !eventId)) {
    await changeDetaineeStatus(system, {
      detaineeId: id, to: d.status as "DISAPPEARED" | "RELEASED" | "RESETTLED", version,
      note: d.status === "DISAPPEARED" ? "No news of this person's whereabouts since the return (demo)." : "Confirmed by the family (demo).",
    });
  }
}

/** JSON nulls → absent keys, as the input schemas expect for "not known". */
function withoutNulls<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null)) as T;
}

function toPartialText(date: string | null | undefined, precision: string | null | undefined): string | undefined {
  if (!date) return undefined;
  return precision === "YEAR" ? date.slice(0, 4) : precision === "MONTH" ? date.slice(0, 7) : date.slice(0, 10);
}
