// Looks for a value in every text-like column of every table (information_schema), so leak
// tests do not depend on anyone remembering to list a new table or column.
import type { SqlRunner } from "@/lib/db/migrate";

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** "Table"."column" for every column whose text form contains `needle`. */
export async function findInTextColumns(runner: SqlRunner, needle: string): Promise<string[]> {
  const columns = await runner.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.data_type = 'ARRAY')
      ORDER BY 1, 2`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const where = `${quote(table_name)}.${quote(column_name)}`;
    const rows = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table_name)} WHERE strpos(${quote(column_name)}::text, $1) > 0`, [needle]);
    if (rows[0]!.n > 0) hits.push(where);
  }
  return hits;
}
