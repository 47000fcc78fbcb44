// How many statements this server has sent to the database so far, for the benchmark's
// "queries per request" (read before and after one request at a time). HAVEN_BENCH=1 only; a
// 404 otherwise. It reveals one number and sends no statement itself, so it does not count.
import { connection } from "next/server";
import { benchQueryCount } from "@/lib/db/client";
import { planCacheStats } from "@/lib/db/plan-cache";

export async function GET() {
  await connection();
  if (process.env.HAVEN_BENCH !== "1") return new Response("Not found", { status: 404 });
  return Response.json({ queries: benchQueryCount(), plans: planCacheStats() }, { headers: { "Cache-Control": "no-store" } });
}
