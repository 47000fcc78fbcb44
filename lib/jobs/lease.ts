// Once-a-day jobs shared by every app instance and cron: a JobRun row per job records the last
// day done and who holds the job now. Claiming is one conditional UPDATE, so of several instances
// exactly one wins; the lease runs out by itself if its holder dies, and the job is taken over.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const LEASE_MS = 10 * 60_000;
const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Runs `work` if `name` has not completed for `now`'s UTC day and nobody holds it; null
 * otherwise. `renew` extends the lease (call it between chunks of a long job).
 */
export async function runOncePerDay<T extends Prisma.InputJsonValue>(name: string, now: Date, work: (renew: () => Promise<void>) => Promise<T>, leaseMs = LEASE_MS): Promise<T | null> {
  const db = prisma();
  const day = isoDay(now);
  await db.$executeRaw`INSERT INTO "JobRun" ("name") VALUES (${name}) ON CONFLICT ("name") DO NOTHING`;
  const claimed = await db.$executeRaw`
    UPDATE "JobRun" SET "leasedBy" = ${holder}, "leasedUntil" = ${new Date(Date.now() + leaseMs)}, "lastStartedAt" = ${new Date()}, "lastError" = NULL
    WHERE "name" = ${name} AND ("lastDay" IS NULL OR "lastDay" < ${day}::date) AND ("leasedUntil" IS NULL OR "leasedUntil" < ${new Date()})`;
  if (claimed !== 1) return null;
  const renew = async () => {
    await db.$executeRaw`UPDATE "JobRun" SET "leasedUntil" = ${new Date(Date.now() + leaseMs)} WHERE "name" = ${name} AND "leasedBy" = ${holder}`;
  };
  try {
    const result = await work(renew);
    await db.jobRun.update({ where: { name }, data: { lastDay: new Date(`${day}T00:00:00Z`), leasedBy: null, leasedUntil: null, lastFinishedAt: new Date(), lastResult: result } });
    return result;
  } catch (e) {
    // Error type only: messages from the database can quote values.
    await db.jobRun.update({ where: { name }, data: { leasedBy: null, leasedUntil: null, lastError: e instanceof Error ? e.name : "Error" } }).catch(() => undefined);
    throw e;
  }
}
