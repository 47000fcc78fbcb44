// 대한민국 정부(대통령, 외교부 장관)에 보내는 서한 — written in Korean (UN-PETITIONS.md): asks
// the Government to press the detaining State to stop forced returns and allow passage, since
// North Korean escapees are citizens under the ROK Constitution.
//
// Naming rule (no UN channel governs a letter): the MEDIA consent decides full name or initials,
// because a letter to a ministry can be disclosed or quoted. Without one, initials and a missing
// consent check (which blocks approval). Links to South Korea are stated here and only here:
// they matter to this addressee and must not travel to the detaining State (see facts.ts).
import { josa } from "es-hangul";
import type { IndicatorType } from "@/lib/generated/prisma/enums";
import type { PetitionCaseData } from "../case-data";
import { ageOn, dateText, facilityName } from "../prose";
import type { PetitionTemplate } from "../types";
import { buildChecks, missing, namingFor, PERSON_ELEMENTS } from "./elements";
import { assemble, organisationLines, personHeading } from "./sections";
import { named, type Named } from "./facts";

const SIGNS_KO: Record<IndicatorType, string> = {
  TRANSFER_TO_BORDER_FACILITY: "국경 인근 시설로의 이송",
  INTERROGATION_COMPLETED: "조사 종료",
  PHOTOGRAPHED_OR_CONFESSION_SIGNED: "사진 촬영 또는 진술서 서명 강요",
  DPRK_OFFICIALS_VISIT: "북한 보위 당국자의 방문",
  IDENTITY_CONFIRMED_TO_DPRK: "북한 당국에 대한 신원 통보",
  SENTENCE_ENDING: "행정 구류 기간 만료",
  FAMILY_CONTACT_LOST: "가족과의 연락 두절",
  SUPPLIES_REFUSED: "가족이 보낸 음식·의약품 반입 거부",
  VISITS_REFUSED: "면회 거부",
  BORDER_CROSSING_OPENED: "송환에 쓰이는 국경 통로의 재개방",
  DIPLOMATIC_CALENDAR: "송환이 이루어져 온 외교 일정",
  MASS_TRANSPORT_SEEN: "시설 내 대규모 이송 차량 목격",
  OTHER: "기타 송환 징후",
};
const RECENT_SIGN_DAYS = 180;

function profile(n: Named, today: Date): string {
  const p = n.person;
  const sex = p.sex === "FEMALE" ? "여" : p.sex === "MALE" ? "남" : p.sex === "OTHER" ? "기타" : missing("sex", "ko");
  const age = p.birthDate ? `${dateText(p.birthDate, "ko")}생, ${ageOn(p.birthDate, today)}세` : p.estimatedAge !== null ? `약 ${p.estimatedAge}세` : missing("birthDateOrAge", "ko");
  const origin = p.homeProvince?.trim() ? `, ${p.homeProvince.trim()} 출신` : "";
  const name = PERSON_ELEMENTS.fullName.present(p) ? n.full : `${n.full} ${missing("fullName", "ko")}`;
  return `${name}(${sex}, ${age}${origin}) 씨는`;
}

function facts(n: Named, today: Date): string[] {
  const p = n.person;
  const when = p.arrestDate ? `${dateText(p.arrestDate, "ko")}에` : missing("arrestDate", "ko");
  const where = p.arrestPlace?.trim() || missing("arrestPlace", "ko");
  const who = p.arrestAuthority?.trim() || missing("arrestAuthority", "ko");
  const chain = p.custody.length
    ? p.custody.map((c) => `${facilityName(c.facility, "ko")}(${dateText(c.from, "ko")}부터 ${c.to ? `${dateText(c.to, "ko")}까지` : "현재까지"})`).join(", ")
    : missing("custody", "ko");
  const out = [`${profile(n, today)} ${when} 중국 ${where}에서 ${who}에 의해 체포되었으며, 이후 ${chain}에 구금되었습니다. 현재 ${p.currentFacility ? facilityName(p.currentFacility, "ko") : missing("currentFacility", "ko")}에 구금되어 있습니다.`];
  const urgent: string[] = [];
  if (p.healthConcerns?.trim()) urgent.push(`건강 상태가 우려됩니다(${p.healthConcerns.trim()}).`);
  if (p.riskLevel === "IMMINENT" || p.riskLevel === "HIGH") urgent.push(`당 단체가 파악한 정보에 따르면 강제송환 위험이 ${p.riskLevel === "IMMINENT" ? "임박한" : "높은"} 상황입니다.`);
  const cutoff = today.getTime() - RECENT_SIGN_DAYS * 86_400_000;
  const signs = p.indicators.filter((i) => i.observedOn.date.getTime() >= cutoff);
  if (signs.length) urgent.push(`최근 ${signs.map((s) => `${SIGNS_KO[s.type]}(${dateText(s.observedOn, "ko")})`).join(", ")} 등 송환이 준비되고 있다는 징후가 확인되었습니다.`);
  if (p.currentFacility && p.facilityReturns.length) urgent.push(`같은 시설에서 ${p.facilityReturns.map((e) => dateText(e.date, "ko")).join(", ")}에 강제송환이 있었다고 보고되었습니다.`);
  if (p.hasSouthKoreaLinks) urgent.push("대한민국과의 연고가 있어, 송환될 경우 더욱 가혹한 처벌을 받을 우려가 큽니다.");
  out.push(urgent.length ? urgent.join(" ") : missing("urgency", "ko"));
  return out;
}

export const rokGovernmentLetter: PetitionTemplate = {
  kind: "ROK_GOVERNMENT_LETTER",
  channel: null,
  language: "ko",
  minDetainees: 1,
  maxDetainees: null,
  checks: (data) => buildChecks(data, { person: ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility", "urgency"], consent: "MEDIA", organisation: ["submitter", "signatory"] }),
  generate: (data: PetitionCaseData) => {
    const people = data.people.map((p) => named(p, namingFor(p, "MEDIA", data.today).naming, { lang: "ko" }));
    const o = data.organisation;
    const org = o.nameKo?.trim() || o.legalName?.trim() || missing("submitter", "ko");
    const count = people.length > 1 ? `${people.length}명의 ` : "";
    const who = people.length > 1 ? "대상자들" : "대상자";
    return assemble(`중국 내 구금 북한이탈주민 ${count}강제송환 중단을 위한 외교적 조치 요청`, [
      { key: "addressee", heading: "수신", paragraphs: [{ plain: "대한민국 대통령 귀하\n외교부 장관 귀하" }] },
      {
        key: "purpose",
        heading: "요청 취지",
        paragraphs: [`${josa(org, "은/는")} 중국 당국에 구금되어 북한으로의 강제송환 위기에 놓인 북한이탈주민 ${people.length}명의 생명과 안전을 위하여, 정부가 중국 정부에 강제송환 중단과 대한민국 등 희망하는 국가로의 이동 허용을 즉시 요청하여 주실 것을 간곡히 요청드립니다.`],
      },
      { key: "persons", heading: "대상자 및 구금 현황", paragraphs: people.flatMap((n, i) => [...personHeading(n, i, people.length, "ko"), ...facts(n, data.today)]) },
      {
        key: "legal",
        heading: "법적 근거",
        paragraphs: [
          "헌법 제3조에 따라 북한 주민은 대한민국 국민이며(대법원 1996. 11. 12. 선고 96누1221 판결), 정부는 재외국민을 보호할 헌법상 의무(제2조 제2항)를 집니다.",
          "중국은 1982년 「난민의 지위에 관한 협약」 및 의정서에 가입하였고 「고문방지협약」의 당사국으로서, 고문의 위험이 있는 국가로 사람을 송환하지 않을 강제송환 금지 의무를 지고 있습니다. 유엔 북한인권조사위원회 보고서(A/HRC/25/63)는 강제송환된 사람들이 고문, 성폭력, 자의적 구금 등을 당하고 있음을 확인하였습니다.",
        ],
      },
      {
        key: "asks",
        heading: "요청 사항",
        paragraphs: [
          `중국 정부에 위 ${who}에 대한 강제송환을 즉시 중단하고, 본인이 희망하는 국가로 이동할 수 있도록 허용할 것을 외교 경로를 통해 공식 요청하여 주십시오.`,
          `${who}에 대한 영사 접견과 보호 조치를 추진하고, 유엔난민기구(UNHCR)의 접근이 보장되도록 협조를 요청하여 주십시오.`,
          "유엔 인권 메커니즘 및 양자 협의에서 강제송환 문제를 지속적으로 제기하여 주십시오.",
        ],
      },
      {
        key: "signatories",
        heading: "서명",
        paragraphs: [{ plain: [`${dateText({ date: data.today, precision: "DAY" }, "ko")}`, ...organisationLines(o, "ko"), o.signatory?.trim() || missing("signatory", "ko")].join("\n") }],
      },
    ]);
  },
};
