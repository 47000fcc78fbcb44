// The benchmark's subjects — the lawyer, the case with the longest custody chain, the facility
// holding the most people — read from the data, so nothing needs remembering between runs.
import type { SqlRunner } from "@/lib/db/migrate";
import { BENCH_USERS } from "./users";

export type Targets = { caseId: string; caseCustody: number; facilityId: string; facilityName: string; facilityOpen: number; searchName: string; teamA: string; lawyerA: { id: string; email: string; displayName: string } };

/** The pages' subjects, read from the data (so --skip-generate needs nothing remembered). */
export async function findTargets(runner: SqlRunner): Promise<Targets> {
  const lawyerEmail = BENCH_USERS.find((u) => u.role === "LAWYER" && u.team === 0)!.email;
  const [lawyer] = await runner.query<{ id: string; email: string; displayName: string; teamId: string }>(
    `SELECT u.id, u.email, u."displayName", m."teamId" FROM "User" u JOIN "TeamMembership" m ON m."userId" = u.id WHERE u.email = $1`, [lawyerEmail]);
  if (!lawyer) throw new Error(`no ${lawyerEmail} in the benchmark database: run without --skip-generate`);
  const [c] = await runner.query<{ id: string; n: number; nameHangul: string }>(
    `SELECT d.id, count(*)::int AS n, d."nameHangul" FROM "Detainee" d JOIN "CustodyPeriod" c ON c."detaineeId" = d.id
     WHERE d."teamId" = $1 AND d.status = 'DETAINED' AND d."archivedAt" IS NULL GROUP BY d.id ORDER BY n DESC, d.id LIMIT 1`, [lawyer.teamId]);
  const [f] = await runner.query<{ id: string; nameEn: string; n: number }>(
    `SELECT f.id, f."nameEn", count(*)::int AS n FROM "CustodyPeriod" c JOIN "DetentionFacility" f ON f.id = c."facilityId"
     WHERE c."toDate" IS NULL GROUP BY f.id ORDER BY n DESC, f.id LIMIT 1`);
  if (!c || !f) throw new Error("the benchmark database has no detained person with custody: generate again");
  return {
    caseId: c.id, caseCustody: c.n, facilityId: f.id, facilityName: f.nameEn, facilityOpen: f.n, searchName: c.nameHangul, teamA: lawyer.teamId,
    lawyerA: { id: lawyer.id, email: lawyer.email, displayName: lawyer.displayName },
  };
}

