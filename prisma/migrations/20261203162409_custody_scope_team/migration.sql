-- AlterTable
ALTER TABLE "CustodyPeriod" ADD COLUMN     "scopeTeamId" TEXT;

-- CreateIndex
CREATE INDEX "CustodyPeriod_facilityId_scopeTeamId_toDate_idx" ON "CustodyPeriod"("facilityId", "scopeTeamId", "toDate");

-- Hand-written (issue 11): "scopeTeamId" is the case's team while the case is live and NULL once
-- it is archived, so a facility's periods can be counted and listed for the viewer's teams from
-- the index above alone. The app never writes it; these triggers keep it true.

-- A new period (or one moved to another case) takes its case's team.
CREATE OR REPLACE FUNCTION haven_custody_scope_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."scopeTeamId" := (SELECT CASE WHEN d."archivedAt" IS NULL THEN d."teamId" END FROM "Detainee" d WHERE d.id = NEW."detaineeId");
  RETURN NEW;
END;
$$;
CREATE TRIGGER custody_scope_team
  BEFORE INSERT OR UPDATE OF "detaineeId", "scopeTeamId" ON "CustodyPeriod"
  FOR EACH ROW EXECUTE FUNCTION haven_custody_scope_team();

-- A case moved to another team, archived or restored carries its periods along.
CREATE OR REPLACE FUNCTION haven_detainee_scope_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustodyPeriod" SET "scopeTeamId" = CASE WHEN NEW."archivedAt" IS NULL THEN NEW."teamId" END
  WHERE "detaineeId" = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER detainee_scope_team
  AFTER UPDATE OF "teamId", "archivedAt" ON "Detainee"
  FOR EACH ROW WHEN (OLD."teamId" IS DISTINCT FROM NEW."teamId" OR (OLD."archivedAt" IS NULL) <> (NEW."archivedAt" IS NULL))
  EXECUTE FUNCTION haven_detainee_scope_team();

-- The periods already there.
UPDATE "CustodyPeriod" c SET "scopeTeamId" = CASE WHEN d."archivedAt" IS NULL THEN d."teamId" END
FROM "Detainee" d WHERE d.id = c."detaineeId";
