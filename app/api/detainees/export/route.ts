// CSV export of the case list with the list page's filters. LAWYER/ADMIN only; for everyone else
// — including a signed-out request — a plain 404, so the route is not even discoverable (S8, S9).
// POST only, from Haven's own pages only (S17): a page on another origin (a sibling subdomain
// included) cannot make a lawyer's browser export, not even by navigating it here while the
// re-authentication window is open. GET is answered 405 by Next (no GET handler).
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
import { isSameOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/logger";
import { DATA_RESPONSE_CSP } from "@/lib/security/csp";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
const notFound = () => plain(404, "Not found");

/** The form's fields: the first value of each, text only (a file field is ignored). */
async function formFields(request: NextRequest): Promise<Record<string, string> | null> {
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in fields)) fields[key] = value;
  return fields;
}

export async function POST(request: NextRequest) {
  // Sec-Fetch-Site must say same-origin (a browser always sends it on a form post over https or
  // to localhost); without it, the Origin header must name this host (lib/http/same-origin.ts).
  if (!isSameOrigin(request)) return plain(403, "Forbidden");
  const viewer = await getViewer();
  if (!viewer) return notFound();
  if (!can(viewer, "detainee.export")) {
    await recordRefusal(viewer, { target: "/api/detainees/export", code: "NOT_FOUND", reason: "role" });
    return notFound();
  }
  const fields = await formFields(request);
  if (!fields) return plain(400, "Send the export form from the case list.");
  // The list page's own parser: same filters, same fallbacks for malformed values (S12). Unknown
  // keys are dropped; the page number is ignored (an export is every page).
  const { page: _page, ...filters } = listDetaineesSchema.parse(fields);
  void _page;
  // Exporting cases needs a password (and code) entered in the last few minutes (S7). Afterwards
  // the person is back on the list with the same filters, and presses Export again.
  if (!(await hasRecentReauth(viewer))) {
    const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
    return new Response(null, { status: 303, headers: { Location: reauthPath(`/detainees${query ? `?${query}` : ""}`), "Cache-Control": "no-store" } });
  }
  try {
    const { chunks } = await exportDetaineesCsv(viewer, { ...filters, page: 1 }, { includeRestricted: fields.restricted === "1" });
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
        "Content-Security-Policy": DATA_RESPONSE_CSP,
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return notFound();
    logger.error({ route: "detainees.export", err: e instanceof Error ? e.name : "unknown" }, "export failed");
    return new Response("Export failed", { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
