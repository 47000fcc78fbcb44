-- DropIndex
DROP INDEX "AuditLog_actorId_at_idx";

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "seq" BIGINT,
ALTER COLUMN "prevHash" DROP NOT NULL,
ALTER COLUMN "hash" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_seq_key" ON "AuditLog"("seq");

-- CreateIndex
CREATE INDEX "AuditLog_entityId_id_idx" ON "AuditLog"("entityId", "id");

-- ---------------------------------------------------------------------------------------------
-- Hand-written part (not expressible in schema.prisma). Keep in step with docs/architecture.md
-- ("Audit log") and lib/audit/seal.ts.
-- ---------------------------------------------------------------------------------------------

-- Writers now append rows unsealed (seq, prevHash and hash NULL) inside their own transaction,
-- without any lock; the sealer (lib/audit/seal.ts) gives pending rows their chain position and
-- hashes in id order shortly after they commit. The rows written so far were chained in id order
-- under the old writer lock: number them 1, 2, 3… in that order (ids have gaps where a
-- transaction rolled back; seq has none). The trigger is off for this one statement only, inside
-- this migration's transaction.
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete";
UPDATE "AuditLog" AS a SET "seq" = o.n
  FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "AuditLog") AS o
  WHERE a."id" = o."id";
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_update_delete";

-- A row is sealed (all three set) or pending (none set), never half of each.
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_sealed_together"
  CHECK (("seq" IS NULL) = ("hash" IS NULL) AND ("seq" IS NULL) = ("prevHash" IS NULL));

-- The sealer's queue: pending rows in id order, without scanning the sealed millions.
CREATE INDEX "AuditLog_pending_idx" ON "AuditLog"("id") WHERE "seq" IS NULL;

-- Still append-only (SECURITY.md S19): DELETE and TRUNCATE are refused, and so is every UPDATE
-- except sealing a pending row — seq, prevHash and hash go from NULL to set, and every other
-- column (including any added later) stays exactly as written. A sealed row can never change.
CREATE OR REPLACE FUNCTION haven_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."seq" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL
       AND NEW."seq" IS NOT NULL AND NEW."prevHash" IS NOT NULL AND NEW."hash" IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prevHash' - 'hash') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'AuditLog is append-only: UPDATE refused (only sealing a pending row is allowed)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The audit page (lib/domain/audit/queries.ts) pages by id and counts at most 10,001 rows, so
-- each of its filters needs an index that yields rows in id order, and their combinations one
-- that can be filtered without reading the table:
-- - the person: ("actorId", "id"), carrying "action" for the kind filters;
-- - the record: ("entityId", "id") above;
-- - the three views ("refused", "sign-in", "changes"): one partial index each on "id", carrying
--   "actorId", its predicate written exactly as that query writes it (so the planner matches it).
CREATE INDEX "AuditLog_actorId_id_idx" ON "AuditLog"("actorId", "id") INCLUDE ("action");
CREATE INDEX "AuditLog_kind_refusals_idx" ON "AuditLog"("id") INCLUDE ("actorId") WHERE ("action" = 'access.refused' OR "action" LIKE '%.failure');
CREATE INDEX "AuditLog_kind_auth_idx" ON "AuditLog"("id") INCLUDE ("actorId") WHERE ("action" LIKE 'auth.%');
CREATE INDEX "AuditLog_kind_changes_idx" ON "AuditLog"("id") INCLUDE ("actorId") WHERE (NOT ("action" LIKE 'auth.%' OR "action" = 'access.refused' OR "action" LIKE '%.view'));
