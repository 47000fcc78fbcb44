import "server-only";
// Turns an import analysis into what the preview screen shows, translated on the server: counts,
// file problems and a bounded set of rows (every row with a problem up to 500, plus the first 100),
// so a 10,000-row file does not ship a 10,000-row table to the browser.
import { getTranslations } from "next-intl/server";
import type { ImportAnalysis } from "@/lib/domain/detainee/csv/import";
import type { CsvMessage } from "@/lib/domain/detainee/csv/parse";

const MAX_PROBLEM_ROWS = 500;
const MAX_OTHER_ROWS = 100;

export type PreviewRow = {
  line: number; caseRef: string; name: string; born: string; status: string; facility: string;
  problems: string[]; already: string | null;
};
export type ImportPreview = {
  stagedId: string; teamId: string; fileName: string; sha256: string;
  canCommit: boolean;
  summary: { total: string; toCreate: string; withErrors: string; alreadyImported: string; shown: string | null };
  fileProblems: string[];
  rows: PreviewRow[];
  commitLabel: string;
  notice: string | null;
};

export async function toImportPreview(analysis: ImportAnalysis, meta: { stagedId: string; teamId: string; fileName: string }): Promise<ImportPreview> {
  const [t, te] = await Promise.all([getTranslations("csv.import"), getTranslations("csv.errors")]);
  const message = (m: CsvMessage) => te(m.messageKey as never, m.params as never);
  const { counts } = analysis;
  const withProblems = analysis.rows.filter((r) => r.errors.length > 0).slice(0, MAX_PROBLEM_ROWS);
  const picked = new Set([...withProblems, ...analysis.rows.slice(0, MAX_OTHER_ROWS)]);
  const rows = analysis.rows.filter((r) => picked.has(r)).map((r): PreviewRow => {
    const c = r.input;
    const roman = [c.family_name_roman, c.given_name_roman].filter((v) => v?.trim()).join(" ");
    return {
      line: r.line,
      caseRef: c.case_ref ?? "",
      name: [c.name_hangul, roman].filter((v) => v?.trim()).join(" · ") || c.name_chinese || c.aliases || "",
      born: c.birth_date ?? "",
      status: c.status ?? "",
      facility: c.facility ?? "",
      problems: r.errors.map((e) => (e.column ? `${e.column}: ${message(e)}` : message(e))),
      // An archived case is not named: only that the row is taken.
      already: !r.matchesExisting ? null : r.existingCaseNumber ? t("rowAlready", { caseNumber: r.existingCaseNumber }) : t("rowTaken"),
    };
  });
  const blocked = analysis.fileErrors.length > 0 || counts.withErrors > 0;
  return {
    ...meta,
    sha256: analysis.sha256,
    canCommit: !blocked && counts.toCreate > 0,
    summary: {
      total: t("countTotal", { count: counts.total }),
      toCreate: t("countToCreate", { count: counts.toCreate }),
      withErrors: t("countErrors", { count: counts.withErrors }),
      alreadyImported: t("countAlready", { count: counts.alreadyImported }),
      shown: rows.length < counts.total ? t("shown", { shown: rows.length, total: counts.total }) : null,
    },
    fileProblems: analysis.fileErrors.map(message),
    rows,
    commitLabel: t("commit", { count: counts.toCreate }),
    notice: blocked ? t("blocked") : counts.toCreate === 0 && counts.alreadyImported > 0 ? t("nothingNew") : null,
  };
}
