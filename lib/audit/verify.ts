// Walks the whole audit log in id order, in pages, recomputing the hash chain.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findChainBreak, GENESIS_HASH } from "./chain";

export async function verifyAuditChain(db: PrismaClient, pageSize = 5000): Promise<{ rows: number; broken: { id: bigint; reason: string } | null }> {
  let prev = GENESIS_HASH;
  let after: bigint | null = null;
  let rows = 0;
  for (;;) {
    const page: Awaited<ReturnType<typeof db.auditLog.findMany>> = await db.auditLog.findMany({
      where: after === null ? {} : { id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    if (page.length === 0) return { rows, broken: null };
    const broken = findChainBreak(page, prev);
    if (broken) return { rows: rows + page.findIndex((r) => r.id === broken.id), broken };
    rows += page.length;
    prev = page[page.length - 1]!.hash;
    after = page[page.length - 1]!.id;
  }
}
