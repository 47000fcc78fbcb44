// Route handlers that change state must come from Haven's own pages: browsers send Origin on
// POST, so a foreign or missing Origin is refused (S17). Server actions get this from Next.
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
