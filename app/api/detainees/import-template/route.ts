// The CSV import template. Signed-in users who may import only; anyone else gets a plain 404, so
// the route reveals nothing (S8). The file holds invented example data only.
import { getViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { buildImportTemplate } from "@/lib/domain/detainee/csv/template";
import { loadMessages } from "@/i18n/messages";

export const dynamic = "force-dynamic";

export async function GET() {
  const viewer = await getViewer();
  if (!viewer || !can(viewer, "detainee.import")) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const [en, ko] = await Promise.all([loadMessages("en"), loadMessages("ko")]);
  return new Response(buildImportTemplate({ en, ko }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="haven-import-template.csv"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
