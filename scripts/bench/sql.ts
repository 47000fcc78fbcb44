// Bulk inserts for the benchmark generator: INSERT … SELECT FROM json_to_recordset($1), one JSON
// parameter per BATCH rows (like the unnest(…) statements of lib/domain/detainee/csv/bulk-insert.ts,
// and a third faster here: JSON.stringify and PostgreSQL's JSON parser beat per-element array
// encoding). Works on both engines through the migration runner's SqlRunner (PostgreSQL, PGlite).
import type { SqlRunner } from "@/lib/db/migrate";

export const BATCH = 5_000;

export type Column = {
  name: string;
  /** Type the JSON value is read as. */
  type: "text" | "int4" | "int8" | "bool" | "float8";
  /** Cast applied to the value, e.g. `"Sex"`, `date`, `timestamp(3)`, `jsonb`. */
  cast?: string;
  /** Full expression instead of a cast; `$` stands for the value. */
  expr?: string;
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows are objects keyed by column name; keys that are not columns are ignored. */
export async function bulkInsert(runner: SqlRunner, table: string, columns: readonly Column[], rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const value = (c: Column) => `u.${q(c.name)}`;
  const select = columns.map((c) => (c.expr ? c.expr.replaceAll("$", value(c)) : c.cast ? `${value(c)}::${c.cast}` : value(c)));
  const sql = `INSERT INTO ${q(table)} (${columns.map((c) => q(c.name)).join(", ")})
    SELECT ${select.join(", ")} FROM json_to_recordset($1::json) AS u(${columns.map((c) => `${q(c.name)} ${c.type}`).join(", ")})`;
  for (let start = 0; start < rows.length; start += BATCH) {
    await runner.query(sql, [JSON.stringify(rows.slice(start, start + BATCH))]);
  }
}

/** Partial dates are stored as the first day of the known period (lib/dates/partial-date.ts). */
export function isoDay(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export type DeferredIndex = { name: string; definition: string };

/**
 * Drops the plain (non-constraint) indexes of `tables` so a bulk load does not maintain them row
 * by row; recreateIndexes puts the very same definitions back (built in one pass, much faster).
 */
export async function dropIndexes(runner: SqlRunner, tables: readonly string[]): Promise<DeferredIndex[]> {
  const rows = await runner.query<DeferredIndex>(
    `SELECT quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE ns.nspname = current_schema() AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`, [[...tables]]);
  for (const r of rows) await runner.exec(`DROP INDEX ${r.name}`);
  return rows;
}

export async function recreateIndexes(runner: SqlRunner, indexes: readonly DeferredIndex[]): Promise<void> {
  for (const r of indexes) await runner.exec(r.definition);
}
