-- Hand-written (issue 11): indexes that let the pages' counts and scoped joins be answered from
-- the index alone (index-only scans) at 100,000 cases. Partial on "archivedAt" IS NULL, which is
-- a literal in every query that reads cases; Prisma sends other values (status, risk level) as
-- parameters, so those are index columns, never index predicates.
-- Counts by status within the viewer's teams (dashboard, case list, status filter), and for admins.
CREATE INDEX "Detainee_team_status_live_idx" ON "Detainee" ("teamId", "status") WHERE "archivedAt" IS NULL;
CREATE INDEX "Detainee_status_live_idx" ON "Detainee" ("status") WHERE "archivedAt" IS NULL;
-- The dashboard's at-risk list and its count (score ≥ HIGH's floor), highest first, within the teams.
CREATE INDEX "Detainee_team_risk_live_idx" ON "Detainee" ("teamId", "riskScore" DESC, "caseNumber") WHERE "archivedAt" IS NULL;
-- "Is this person in the viewer's teams?" for joins from custody periods (facility pages, the
-- dashboard's clients per facility), answered without visiting the case rows.
CREATE INDEX "Detainee_scope_live_idx" ON "Detainee" ("id") INCLUDE ("teamId") WHERE "archivedAt" IS NULL;
-- Replaced: a risk-level predicate cannot match Prisma's parameterised IN list.
DROP INDEX "Detainee_team_at_risk_idx";
