// Petition documents shared by the exporters' tests: realistic mixed-script content, hostile text
// and a long document, so both formats are held to the same expectations.
import type { PetitionDocument } from "../types";

export const HANGUL_NAME = "김영희";
export const FACILITY_SIMPLIFIED = "图们边防支队看守所";
export const FACILITY_TRADITIONAL = "圖們邊防支隊看守所";
export const HOSTILE_HTML = `"><img src=x onerror=alert(1)>`;

export const SECTION_HEADINGS = [
  "I. Identity of the person concerned",
  "II. Arrest and detention",
  "III. Risk of imminent forced return",
  "IV. Action requested",
];

export function shortPetition(overrides: Partial<PetitionDocument> = {}): PetitionDocument {
  return {
    reference: "HV-PET-2026-0007",
    title: "Urgent appeal to the Working Group on Arbitrary Detention",
    language: "en",
    date: "2026-11-29",
    confidentiality: "CONFIDENTIAL — for the United Nations only",
    organisation: "Haven Legal Aid Network, Seoul",
    sections: [
      {
        heading: SECTION_HEADINGS[0]!,
        body:
          `1. The person concerned is Ms ${HANGUL_NAME} (Kim Young-hee), a national of the Democratic People's Republic of Korea, born in 1994 in Hoeryong, North Hamgyong Province.\n\n` +
          "2. She left the Democratic People's Republic of Korea in October 2023 and lived in Yanji, Jilin Province, China, until her arrest.",
      },
      {
        heading: SECTION_HEADINGS[1]!,
        body:
          "3. On 14 August 2026 she was arrested by officers of the Public Security Bureau in Yanji without a warrant and without being told the reasons for her arrest.\n\n" +
          `4. Since late August 2026 she has been held at the Tumen Border Defence Detachment Detention Centre (${FACILITY_SIMPLIFIED}), Tumen, Jilin Province. Older records name it ${FACILITY_TRADITIONAL}.\n\n` +
          "5. She has had no access to a lawyer, to consular officials of the Republic of Korea or to the Office of the United Nations High Commissioner for Refugees.",
      },
      {
        heading: SECTION_HEADINGS[2]!,
        body:
          "6. Persons held at this facility are routinely transferred to the Democratic People's Republic of Korea. A group of about 180 detainees was returned from Tumen in October 2026.\n\n" +
          "7. If returned, she faces a real risk of torture, enforced disappearance and arbitrary detention in a political prison camp.",
      },
      {
        heading: SECTION_HEADINGS[3]!,
        body:
          "The source respectfully requests the Working Group to:\n\n" +
          "8. Transmit an urgent appeal to the Government of the People's Republic of China requesting that the person concerned not be returned.\n\n" +
          "9. Request the Government to disclose her whereabouts and to allow her access to counsel and to UNHCR.",
      },
    ],
    ...overrides,
  };
}

export function hostilePetition(): PetitionDocument {
  return shortPetition({
    reference: "HV-PET-2026-0099",
    sections: [
      { heading: `Heading ${HOSTILE_HTML}`, body: `1. Name as typed: ${HOSTILE_HTML} and <script>alert("x")</script> & "quotes".\n\n2. Reversed: abc\u202Edef\u202C end; nul\u0000byte; lone \uD800 surrogate; ${HANGUL_NAME}.` },
    ],
  });
}

export function longPetition(paragraphs = 40, overrides: Partial<PetitionDocument> = {}): PetitionDocument {
  const sections = Array.from({ length: 5 }, (_, s) => ({
    heading: `Section ${s + 1}: facts and procedure`,
    body: Array.from({ length: paragraphs / 5 }, (_, p) => {
      const n = s * (paragraphs / 5) + p + 1;
      return `${n}. Paragraph ${n} of the communication. ${HANGUL_NAME} was held at ${FACILITY_SIMPLIFIED} and was questioned repeatedly about her contacts in the Republic of Korea; no interpreter, lawyer or consular officer was present at any time, and no written decision was served on her.`;
    }).join("\n\n"),
  }));
  return shortPetition({ reference: "HV-PET-2026-0040", sections, ...overrides });
}

export function koreanPetition(): PetitionDocument {
  return shortPetition({
    reference: "HV-PET-2026-0012",
    title: "대한민국 외교부 장관 귀하: 중국 내 억류 탈북민 강제송환 중지 요청",
    language: "ko",
    confidentiality: "대외비 — 관계 기관 외 열람 금지",
    organisation: "해븐 법률지원 네트워크",
    sections: [
      {
        heading: "1. 대상자 인적 사항",
        body: `1. 대상자는 ${HANGUL_NAME}(여, 1994년생)으로, 함경북도 회령시 출신의 북한이탈주민입니다.\n\n2. 대상자는 2023년 10월 북한을 떠나 중국 지린성 옌지시에 거주하던 중 체포되었습니다.`,
      },
      {
        heading: "2. 구금 경위",
        body: `3. 대상자는 2026년 8월 14일 옌지시 공안국에 영장 없이 체포되어, 2026년 8월 말부터 투먼 변방지대 간수소(${FACILITY_SIMPLIFIED})에 구금되어 있습니다.\n\n4. 같은 시설에 구금되었던 약 180명이 2026년 10월 북한으로 송환된 바 있어, 대상자의 강제송환이 임박한 것으로 판단됩니다.`,
      },
      {
        heading: "3. 요청 사항",
        body: "5. 정부가 중국 정부에 대하여 대상자의 강제송환 중지와 대한민국으로의 이송을 외교 경로를 통해 요청하여 주시기 바랍니다.",
      },
    ],
  });
}
