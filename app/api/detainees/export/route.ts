// CSV export of the case list with the list page's filters. LAWYER/ADMIN only; for everyone else
// — including a signed-out request — a plain 404, so the route is not even discoverable (S8, S9).
// Streamed batch by batch (lib/domain/detainee/csv/export.ts): memory stays flat at 100k rows.
import type { NextRequest } from "next/server";
import { recordRefusal } from "@/lib/audit/refusal";
import { getViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { hasRecentReauth, reauthPath } from "@/lib/auth/reauth";
import { exportDetaineesCsv } from "@/lib/domain/detainee/csv/export";
import { localIsoDate } from "@/lib/domain/detainee/csv/local-date";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return notFound();
  if (!can(viewer, "detainee.export")) {
    await recordRefusal(viewer, { target: "/api/detainees/export", code: "NOT_FOUND", reason: "role" });
    return notFound();
  }
  // A GET with a side effect (an audited export): refuse one started by another site (a link or
  // redirect on a hostile page), so nobody can make a lawyer's browser export on their behalf.
  if (request.headers.get("sec-fetch-site") === "cross-site") return notFound();
  // Exporting cases needs a password (and code) entered in the last few minutes (S7).
  if (!(await hasRecentReauth(viewer))) {
    return new Response(null, { status: 303, headers: { Location: reauthPath(`${request.nextUrl.pathname}${request.nextUrl.search}`), "Cache-Control": "no-store" } });
  }
  // The list page's own parser: same filters, same fallbacks for malformed values (S12). The
  // first value of a repeated parameter wins, as on the list page; unknown keys are dropped.
  const params = request.nextUrl.searchParams;
  const raw = Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.get(k) ?? undefined]));
  const filters = listDetaineesSchema.parse(raw);
  try {
    const { chunks } = await exportDetaineesCsv(viewer, filters, { includeRestricted: params.get("restricted") === "1" });
    const iterator = chunks[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    // Pull-based: the next batch is read from the database only when the client has taken the last.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (e) {
          logger.error({ route: "detainees.export", err: e instanceof Error ? e.name : "unknown" }, "export failed mid-stream");
          controller.error(e);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="haven-cases-${localIsoDate()}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return notFound();
    logger.error({ route: "detainees.export", err: e instanceof Error ? e.name : "unknown" }, "export failed");
    return new Response("Export failed", { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
