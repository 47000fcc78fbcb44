// The case list's facility filter asks here as the user types: facilities currently holding one
// of the viewer's cases whose name contains the text, at most 20 (lib/domain/detainee/queries.ts).
// Signed out: a plain 404, like every other data route.
import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/session";
import { searchCurrentFacilitiesInScope } from "@/lib/domain/detainee/queries";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const q = request.nextUrl.searchParams.get("q") ?? "";
  const rows = await searchCurrentFacilitiesInScope(viewer, q);
  return Response.json({ options: rows }, { headers: { "Cache-Control": "private, no-store" } });
}
