// Facility pickers ask here as the user types, at most 20 answers by name: the case list's filter
// gets facilities currently holding one of the viewer's cases (lib/domain/detainee/queries.ts);
// `all=1` (the custody form) gets any active facility of the shared registry. Signed out: a
// plain 404, like every other data route.
import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { searchCurrentFacilitiesInScope } from "@/lib/domain/detainee/queries";
import { searchFacilities } from "@/lib/domain/facility/queries";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const q = request.nextUrl.searchParams.get("q") ?? "";
  const rows = request.nextUrl.searchParams.get("all") === "1" && can(viewer, "facility.read")
    ? await searchFacilities(q)
    : await searchCurrentFacilitiesInScope(viewer, q);
  return Response.json({ options: rows }, { headers: { "Cache-Control": "private, no-store" } });
}
