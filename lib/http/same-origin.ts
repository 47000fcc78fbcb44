// Route handlers that change state must come from Haven's own pages (S17). Browsers say where a
// request comes from in Sec-Fetch-Site, which no page can forge; with our `Referrer-Policy:
// no-referrer` a same-origin form post carries `Origin: null`, so Origin alone would refuse
// Haven's own forms. Clients without Fetch Metadata (old browsers, scripts) must send an Origin
// that matches the host. Server actions get the same protection from Next.
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
