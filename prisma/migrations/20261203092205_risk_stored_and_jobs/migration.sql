-- AlterTable
ALTER TABLE "Detainee" ADD COLUMN     "riskExplanation" JSONB;

-- AlterTable
ALTER TABLE "DetentionFacility" ADD COLUMN     "riskExplanation" JSONB,
ADD COLUMN     "riskHistory" JSONB;

-- CreateTable
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL,
    "lastDay" DATE,
    "leasedBy" TEXT,
    "leasedUntil" TIMESTAMP(3),
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastResult" JSONB,
    "lastError" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("name")
);

-- Hand-written (issue 11): indexes for page queries at 100,000 cases. Partial indexes are not
-- expressible in schema.prisma, so they live here only.
-- The case list's default order (newest change first) within a team, and for administrators.
CREATE INDEX "Detainee_team_updated_idx" ON "Detainee" ("teamId", "updatedAt" DESC, "id") WHERE "archivedAt" IS NULL;
CREATE INDEX "Detainee_updated_idx" ON "Detainee" ("updatedAt" DESC, "id") WHERE "archivedAt" IS NULL;
-- The dashboard's at-risk list: highest first within the viewer's teams.
CREATE INDEX "Detainee_team_at_risk_idx" ON "Detainee" ("teamId", "riskScore" DESC) WHERE "archivedAt" IS NULL AND "riskLevel" IN ('HIGH', 'IMMINENT');
-- Open custody periods: who is held where now (facility filter, facility pages, rescoring).
CREATE INDEX "CustodyPeriod_open_facility_idx" ON "CustodyPeriod" ("facilityId", "detaineeId") WHERE "toDate" IS NULL;
CREATE INDEX "CustodyPeriod_open_detainee_idx" ON "CustodyPeriod" ("detaineeId") WHERE "toDate" IS NULL;
-- Rescoring reads a province's events by name, case-insensitively (the regional wave).
CREATE INDEX "RepatriationEvent_province_lower_idx" ON "RepatriationEvent" (lower("province")) WHERE "archivedAt" IS NULL;
CREATE INDEX "DetentionFacility_province_lower_idx" ON "DetentionFacility" ("country", lower("province")) WHERE "archivedAt" IS NULL;
