// The one Prisma client of a process, on the engine lib/db/engine.ts picks. Scripts and tests
// may install their own client (usePrisma) before any domain function runs.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { preparePrivateDir, tightenPrivateTree } from "@/lib/security/private-files";
import { pgliteDataDir, serverDatabaseUrl } from "./engine";
import { installPlanCache } from "./plan-cache";

// Every client of this process reuses the plans of reads it compiled before (lib/db/plan-cache.ts).
void installPlanCache();

export type Db = PrismaClient;
/** A transaction client, as passed to $transaction callbacks. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const holder = globalThis as unknown as { __havenPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  holder.__havenPrisma ??= createPrismaClient();
  return holder.__havenPrisma;
}

export function usePrisma(client: PrismaClient): void {
  holder.__havenPrisma = client;
}

/** Statements sent by this process's client; counted only under the benchmark (HAVEN_BENCH=1). */
const counter = globalThis as unknown as { __havenQueryCount?: number };
export const benchQueryCount = () => counter.__havenQueryCount ?? 0;

function counted(client: PrismaClient): PrismaClient {
  if (process.env.HAVEN_BENCH !== "1") return client;
  counter.__havenQueryCount ??= 0;
  (client as unknown as { $on(event: "query", cb: () => void): void }).$on("query", () => {
    counter.__havenQueryCount = (counter.__havenQueryCount ?? 0) + 1;
  });
  return client;
}

const benchLog = (): { log?: Prisma.LogDefinition[] } => (process.env.HAVEN_BENCH === "1" ? { log: [{ emit: "event", level: "query" }] } : {});

export function createPrismaClient(): PrismaClient {
  const url = serverDatabaseUrl();
  if (url) {
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      // A runaway query must not hold a connection forever (S26).
      statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
    });
    return counted(new PrismaClient({ adapter, ...benchLog() }));
  }
  // The data dir is private to this operating-system user; a new one is written with 0666
  // files whatever the umask, so it is tightened again once PGlite has created it.
  const dataDir = pgliteDataDir();
  preparePrivateDir(dataDir);
  const db = new PGlite({ dataDir, extensions: { pg_trgm } });
  void db.waitReady.then(() => tightenPrivateTree(dataDir, () => {})).catch(() => {});
  return counted(new PrismaClient({ adapter: new PrismaPGlite(db), ...benchLog() }));
}
