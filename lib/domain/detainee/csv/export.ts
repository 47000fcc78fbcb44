import "server-only";
// CSV export of the case list: exactly the rows the viewer's list page shows for the same filters
// (detaineeListWhere: same scope, same filters), every page of it, read in batches so memory stays
// flat at 100,000 rows. Only LAWYER/ADMIN (detainee.export); anyone else gets NOT_FOUND.
//
// Restricted data: family contacts leave Haven only when a lawyer explicitly ticks "include
// restricted family contacts" (and holds detainee.restricted.read). A lawyer preparing a UN
// submission or a phone round does need them, but an export is a copy outside Haven's access
// control and encryption, so it is never the default and is audited as its own action.
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptOptional } from "@/lib/crypto/field";
import { fromColumns, partialDateToInput } from "@/lib/dates/partial-date";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { detaineeListWhere } from "../queries";
import type { ListDetaineesFilters } from "../schemas";
import { toCsv, UTF8_BOM } from "./cells";
import { ALIAS_SEPARATOR, EXPORT_SEX, exportYesNo, IMPORT_COLUMNS, type ImportColumn } from "./columns";
import { EXPORT_KEYS, keysetAfter, keysetOrderBy, type KeysetRow } from "./keyset";

export type ExportOptions = { includeRestricted?: boolean; batchSize?: number };
export type CsvExport = { rowCount: number; includeRestricted: boolean; chunks: AsyncIterable<string> };

const SELECT = {
  id: true, caseNumber: true, status: true, updatedAt: true, importKey: true,
  familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true, aliases: true, sex: true,
  birthDate: true, birthDatePrecision: true, estimatedAge: true, homeProvince: true,
  arrestDate: true, arrestDatePrecision: true, arrestPlace: true, arrestAuthority: true,
  narrative: true, healthConcerns: true, hasSouthKoreaLinks: true,
  team: { select: { name: true } },
  custody: { where: { toDate: null }, orderBy: { fromDate: "desc" as const }, take: 1, select: { facility: { select: { refCode: true, nameEn: true } } } },
} as const;

type ExportRow = Prisma.DetaineeGetPayload<{ select: typeof SELECT }> & { familyContactsEnc?: string | null };

export function exportHeader(includeRestricted: boolean): string[] {
  return ["case_number", ...exportColumns(includeRestricted), "facility_name", "team"];
}
const exportColumns = (includeRestricted: boolean) => IMPORT_COLUMNS.filter((c) => includeRestricted || c !== "family_contacts");

function toCells(d: ExportRow, includeRestricted: boolean): string[] {
  const facility = d.custody[0]?.facility ?? null;
  const cells: Record<ImportColumn, string> = {
    // Only a submitter's own reference is a case_ref; a hashed identity key means nothing to people.
    case_ref: d.importKey?.startsWith("ref:") ? d.importKey.slice(4) : "",
    family_name_roman: d.familyNameRoman ?? "", given_name_roman: d.givenNameRoman ?? "",
    name_hangul: d.nameHangul ?? "", name_chinese: d.nameChinese ?? "",
    aliases: d.aliases.join(`${ALIAS_SEPARATOR} `),
    sex: EXPORT_SEX[d.sex],
    birth_date: partialDateToInput(fromColumns(d.birthDate, d.birthDatePrecision)),
    estimated_age: d.estimatedAge == null ? "" : String(d.estimatedAge),
    home_province: d.homeProvince ?? "",
    status: d.status,
    arrest_date: partialDateToInput(fromColumns(d.arrestDate, d.arrestDatePrecision)),
    arrest_place: d.arrestPlace ?? "", arrest_authority: d.arrestAuthority ?? "",
    facility: facility ? facility.refCode ?? facility.nameEn : "",
    narrative: d.narrative ?? "", health_concerns: d.healthConcerns ?? "",
    south_korea_links: exportYesNo(d.hasSouthKoreaLinks),
    family_contacts: includeRestricted ? decryptOptional(d.familyContactsEnc, { table: "Detainee", id: d.id, field: "familyContactsEnc" }) ?? "" : "",
  };
  return [d.caseNumber, ...exportColumns(includeRestricted).map((c) => cells[c]), facility?.nameEn ?? "", d.team.name];
}

/** What the audit row records about the filters: no search text (it may be a person's name), only its hash. */
function auditFilters(filters: ListDetaineesFilters) {
  const { q, page: _page, ...rest } = filters;
  void _page;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return { ...defined, searchSha256: q ? createHash("sha256").update(q).digest("hex") : null };
}

/**
 * The export as CSV text chunks (UTF-8 BOM first, then the header, then one chunk per batch).
 * The audit rows are written before the first byte is produced, so a download that is cut off
 * halfway is still on record.
 */
export async function exportDetaineesCsv(viewer: Viewer, filters: ListDetaineesFilters, opts: ExportOptions = {}): Promise<CsvExport> {
  // Not FORBIDDEN: the export must not even be discoverable to roles without it.
  if (!can(viewer, "detainee.export")) throw new AppError("NOT_FOUND", "Not found.");
  const includeRestricted = Boolean(opts.includeRestricted) && can(viewer, "detainee.restricted.read");
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 1000, 5000));
  const where = detaineeListWhere(viewer, filters);
  const db = prisma();
  const rowCount = await db.detainee.count({ where });
  const withContacts = includeRestricted ? await db.detainee.count({ where: { AND: [where, { familyContactsEnc: { not: null } }] } }) : 0;
  const filterMeta = auditFilters(filters);
  await db.$transaction(async (tx) => {
    await recordAudit(tx, viewer, { action: "detainee.export", entityType: "Detainee", meta: { filters: filterMeta, rowCount, includeRestricted } });
    if (includeRestricted) {
      await recordAudit(tx, viewer, { action: "detainee.export.restricted", entityType: "Detainee", meta: { filters: filterMeta, rowCount, withContacts, fields: ["familyContacts"] } });
    }
  });

  const keys = EXPORT_KEYS[filters.sort];
  const select = includeRestricted ? { ...SELECT, familyContactsEnc: true } : SELECT;
  async function* chunks(): AsyncGenerator<string> {
    yield UTF8_BOM + toCsv([exportHeader(includeRestricted)]);
    let last: KeysetRow | null = null;
    for (;;) {
      const batch: ExportRow[] = await db.detainee.findMany({
        where: last ? { AND: [where, keysetAfter(keys, last)] } : where,
        orderBy: keysetOrderBy(keys),
        take: batchSize,
        select,
      });
      if (batch.length > 0) yield toCsv(batch.map((d) => toCells(d, includeRestricted)));
      if (batch.length < batchSize) return;
      last = batch[batch.length - 1]!;
    }
  }
  return { rowCount, includeRestricted, chunks: chunks() };
}
