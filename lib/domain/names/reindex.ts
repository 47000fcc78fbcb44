// Rebuilds every case's searchText after the name-folding rules change (romanisation tables,
// new forms). Batched by id so it runs in constant memory on 100,000 cases; writes only rows
// whose text actually changes, and bumps nothing else (not the version: no one edited the case).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildSearchText } from "./search-text";

export async function reindexNames(db: PrismaClient, batch = 500): Promise<{ scanned: number; updated: number }> {
  let after: string | undefined;
  let scanned = 0;
  let updated = 0;
  for (;;) {
    const rows = await db.detainee.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true, aliases: true, searchText: true },
    });
    if (rows.length === 0) return { scanned, updated };
    for (const row of rows) {
      const text = buildSearchText(row);
      if (text !== row.searchText) {
        await db.detainee.update({ where: { id: row.id }, data: { searchText: text } });
        updated += 1;
      }
    }
    scanned += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
