// Downloads of a petition's stored files (exports, UN replies): GET only; outside scope → 404.
import { getViewer } from "@/lib/auth/session";
import { isFromAnotherSite } from "@/lib/http/same-origin";
import { recordRefusal } from "@/lib/audit/refusal";
import { getPetitionFileForDownload } from "@/lib/domain/petitions/files";
import { downloadHeaders } from "@/lib/domain/attachment/download";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

export async function GET(request: Request, context: { params: Promise<{ fileId: string }> }): Promise<Response> {
  if (request.method !== "GET") return new Response(null, { status: 405, headers: { Allow: "GET", "Cache-Control": "no-store" } });
  // Only Haven's own pages (or the address bar) start a download of case files (S17).
  if (isFromAnotherSite(request)) return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
  const viewer = await getViewer();
  if (!viewer) return notFound();
  const { fileId } = await context.params;
  const file = await getPetitionFileForDownload(viewer, fileId);
  if (!file) {
    await recordRefusal(viewer, { target: "/api/petitions/files/[fileId]", code: "NOT_FOUND", entityType: "PetitionFile", entityId: fileId });
    return notFound();
  }
  return new Response(file.body, { status: 200, headers: downloadHeaders(file) });
}
