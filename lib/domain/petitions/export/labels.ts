// The few words the exporters add around the petition's own text. They are in the document's
// language, not the viewer's, because the file goes to the United Nations or a government.
import type { PetitionDocument } from "../types";

type Language = PetitionDocument["language"];

export type PageLabelParts = { before: string; between: string; after: string };

/** Pieces around the page number and the page count, so DOCX can put live fields between them. */
export const PAGE_LABEL: Record<Language, PageLabelParts> = {
  en: { before: "Page ", between: " of ", after: "" },
  ko: { before: "", between: " / ", after: " 쪽" },
};

export function pageLabel(language: Language, page: number, total: number): string {
  const p = PAGE_LABEL[language];
  return `${p.before}${page}${p.between}${total}${p.after}`;
}

/** "29 November 2026" / "2026년 11월 29일"; the UN's house style writes dates day-month-year. */
export function formatDocumentDate(isoDate: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDate;
  const locale = language === "ko" ? "ko-KR" : "en-GB";
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
