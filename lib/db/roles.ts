// The two PostgreSQL roles of an installation (S19, docs/operations.md "Database roles"):
// - the owner owns every table, sequence, type and function of the schema and runs the migrations
//   (MIGRATION_DATABASE_URL);
// - the app (DATABASE_URL) owns nothing: it may SELECT/INSERT/UPDATE/DELETE the tables, but on
//   "AuditLog" only SELECT, INSERT and UPDATE of the three columns sealing writes (seq, prevHash,
//   hash; the trigger still allows that only from NULL to set). Not owning the table, it cannot
//   ALTER it (no DISABLE TRIGGER), and it has no DELETE or TRUNCATE there.
// applyDatabaseRoles is idempotent: it creates what is missing and resets every grant, so it is
// run again after each `npm run db:migrate` (new tables get the app's grants then, not before).
import { randomBytes } from "node:crypto";
import type { SqlRunner } from "./migrate";

export type RolesOptions = {
  owner: string;
  app: string;
  /** Passwords to set; a role created without one gets a generated password (returned once). */
  ownerPassword?: string;
  appPassword?: string;
};

export type RolesResult = { actions: string[]; generated: { role: string; password: string }[] };

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;
const AUDIT_TABLE = "AuditLog";
/** What sealing writes (lib/audit/seal.ts); nothing else of a row may change. */
export const AUDIT_SEAL_COLUMNS = ["seq", "prevHash", "hash"] as const;

export async function applyDatabaseRoles(db: SqlRunner, o: RolesOptions): Promise<RolesResult> {
  for (const r of [o.owner, o.app]) if (!ROLE.test(r)) throw new Error(`role name "${r}": use lower-case letters, digits and _ (at most 63)`);
  if (o.owner === o.app) throw new Error("the owner and the app must be two different roles");
  const actions: string[] = [];
  const generated: RolesResult["generated"] = [];
  /** Runs a statement built with format() (identifiers %I, literals %L): never by string concatenation. */
  const run = async (template: string, args: string[], say?: string) => {
    const [{ sql }] = await db.query<{ sql: string }>(`SELECT format($1, ${args.map((_, i) => `$${i + 2}::text`).join(", ")}) AS sql`, [template, ...args]) as [{ sql: string }];
    await db.exec(sql);
    if (say) actions.push(say);
  };

  const [{ database }] = await db.query<{ database: string }>("SELECT current_database() AS database") as [{ database: string }];
  await db.exec("BEGIN");
  try {
    for (const [role, password] of [[o.owner, o.ownerPassword], [o.app, o.appPassword]] as const) {
      const [exists] = await db.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const attrs = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
      if (!exists) {
        const pw = password || randomBytes(24).toString("base64url");
        await run(`CREATE ROLE %I ${attrs} PASSWORD %L`, [role, pw], `created role ${role}`);
        if (!password) generated.push({ role, password: pw });
      } else {
        await run(`ALTER ROLE %I ${attrs}`, [role], `role ${role} exists: made it a plain login role`);
        if (password) await run("ALTER ROLE %I PASSWORD %L", [role, password], `set ${role}'s password from the environment`);
        else actions.push(`kept ${role}'s password`);
      }
    }
    // The app must not act as the owner through membership.
    const [member] = await db.query("SELECT 1 FROM pg_auth_members m JOIN pg_roles a ON a.oid = m.member JOIN pg_roles g ON g.oid = m.roleid WHERE a.rolname = $1 AND g.rolname = $2", [o.app, o.owner]);
    if (member) await run("REVOKE %I FROM %I", [o.owner, o.app], `removed ${o.app} from ${o.owner}`);

    await run("GRANT CONNECT ON DATABASE %I TO %I, %I", [database, o.owner, o.app], `granted CONNECT on database ${database} to both`);
    await run("GRANT USAGE, CREATE ON SCHEMA public TO %I", [o.owner], `granted USAGE, CREATE on schema public to ${o.owner}`);
    await db.exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    await run("REVOKE CREATE ON SCHEMA public FROM %I", [o.app]);
    await run("GRANT USAGE ON SCHEMA public TO %I", [o.app], `schema public: ${o.app} may use it, not create in it (nor may PUBLIC)`);

    // Ownership: every table (and view), free-standing sequence, type and function of the schema
    // that an extension did not create.
    const notExtension = (oid: string, catalog: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.classid = '${catalog}'::regclass AND d.deptype = 'e')`;
    const objects = await db.query<{ kind: string; name: string; owner: string }>(`
      SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
             format('%I.%I', n.nspname, c.relname) AS name, pg_get_userbyid(c.relowner) AS owner
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${notExtension("c.oid", "pg_class")}
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass))
      UNION ALL
      SELECT 'TYPE', format('%I.%I', n.nspname, t.typname), pg_get_userbyid(t.typowner)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND ${notExtension("t.oid", "pg_type")}
      UNION ALL
      SELECT 'FUNCTION', p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND ${notExtension("p.oid", "pg_proc")}
      ORDER BY 1, 2`);
    let moved = 0;
    for (const x of objects) {
      if (x.owner === o.owner) continue;
      await db.exec(`ALTER ${x.kind} ${x.name} OWNER TO "${o.owner}"`); // (name from format('%I') / regprocedure above)
      moved++;
    }
    actions.push(moved ? `${o.owner} now owns ${moved} more objects (of ${objects.length} in schema public)` : `${o.owner} owns all ${objects.length} objects in schema public`);

    // The app: everything reset, then exactly what it needs.
    await run("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I", [o.app]);
    await run("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I", [o.app]);
    await run("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I", [o.app]);
    await run("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I", [o.app], `granted ${o.app} SELECT, INSERT, UPDATE, DELETE on the tables and USAGE on the sequences`);
    const [{ migrations }] = await db.query<{ migrations: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS migrations") as [{ migrations: string | null }];
    if (migrations) await run("REVOKE ALL ON public._prisma_migrations FROM %I", [o.app], `${o.app}: no access to _prisma_migrations`);
    const [audit] = await db.query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1", [AUDIT_TABLE]);
    if (audit) {
      await run("REVOKE ALL ON public.%I FROM %I", [AUDIT_TABLE, o.app]);
      await run("GRANT SELECT, INSERT ON public.%I TO %I", [AUDIT_TABLE, o.app]);
      await run(`GRANT UPDATE (${AUDIT_SEAL_COLUMNS.map((_, i) => `%${i + 3}$I`).join(", ")}) ON public.%1$I TO %2$I`, [AUDIT_TABLE, o.app, ...AUDIT_SEAL_COLUMNS],
        `${o.app} on "${AUDIT_TABLE}": SELECT, INSERT and UPDATE (${AUDIT_SEAL_COLUMNS.join(", ")}) only — no DELETE, TRUNCATE or ALTER`);
    } else {
      actions.push(`no "${AUDIT_TABLE}" table yet: run npm run db:migrate (as ${o.owner}), then this again`);
    }
    await db.exec("COMMIT");
  } catch (e) {
    await db.exec("ROLLBACK").catch(() => {});
    throw e;
  }
  return { actions, generated };
}
