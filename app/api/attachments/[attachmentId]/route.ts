// Evidence downloads: GET only. Everything that decides who may fetch what lives in
// openAttachmentForDownload; no session, another team's file, a confidential file for a role
// that may not see it, an archived or missing file — all the same plain 404.
import { getViewer } from "@/lib/auth/session";
import { isFromAnotherSite } from "@/lib/http/same-origin";
import { recordRefusal } from "@/lib/audit/refusal";
import { downloadHeaders, openAttachmentForDownload } from "@/lib/domain/attachment/download";

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export async function GET(request: Request, context: { params: Promise<{ attachmentId: string }> }): Promise<Response> {
  // Next answers HEAD with GET; a HEAD must not count (and be audited) as a download.
  if (request.method !== "GET") return new Response(null, { status: 405, headers: { Allow: "GET", "Cache-Control": "no-store" } });
  // Only Haven's own pages (or the address bar) start a download of case files (S17).
  if (isFromAnotherSite(request)) return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
  const viewer = await getViewer();
  if (!viewer) return notFound();
  const { attachmentId } = await context.params;
  const file = await openAttachmentForDownload(viewer, attachmentId);
  if (!file) {
    await recordRefusal(viewer, { target: "/api/attachments/[attachmentId]", code: "NOT_FOUND", entityType: "Attachment", entityId: attachmentId });
    return notFound();
  }
  return new Response(file.body, { status: 200, headers: downloadHeaders(file) });
}
