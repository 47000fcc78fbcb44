// Optimistic-locking conflicts for shared registry records (facilities, events). The editor is
// told who saved meanwhile, when, and the saved values that differ from what they submitted, so
// they can compare before saving again. Registry records hold no restricted data, so the values
// may be shown to anyone who could open the edit form.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type FieldValue = { field: string; value: string };

/** Same shape as the case editor's conflict (lib/actions.ts passes changedBy/changedAt/changes to the form). */
export class StaleVersionError extends AppError {
  constructor(message: string, readonly changedBy: string | null, readonly changedAt: Date, readonly changes: FieldValue[]) {
    super("CONFLICT", message);
    this.name = "StaleVersionError";
  }
}

const show = (v: unknown): string =>
  v == null ? "" : Array.isArray(v) ? v.join("\n") : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

/** The saved values (as text) of the fields whose saved value differs from the submitted one. */
export function differingFields(saved: Record<string, unknown>, submitted: Record<string, unknown>, fields: readonly string[]): FieldValue[] {
  return fields.filter((f) => show(saved[f]) !== show(submitted[f])).map((f) => ({ field: f, value: show(saved[f]) }));
}

/** Display name of whoever last wrote this record (from the audit log), if a person did. */
export async function lastEditor(tx: Tx, entityType: string, entityId: string): Promise<string | null> {
  const last = await tx.auditLog.findFirst({
    where: { entityType, entityId, actorId: { not: null } },
    orderBy: { id: "desc" },
    select: { actorId: true },
  });
  if (!last?.actorId) return null;
  return (await tx.user.findUnique({ where: { id: last.actorId }, select: { displayName: true } }))?.displayName ?? null;
}
