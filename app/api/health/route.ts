import { prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers. Reveals nothing else. */
export async function GET() {
  try {
    await prisma().$queryRaw`SELECT 1 AS ok`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
