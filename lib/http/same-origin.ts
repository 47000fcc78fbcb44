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

/**
 * Downloads (GET links, S17): a request another site started — a link, redirect or script on a
 * page of another origin, a sibling subdomain ("same-site") included — is refused, so no page but
 * Haven's own can make a signed-in browser fetch (and audit) a download. `none` (an address typed
 * or bookmarked, the browser's download list) and an absent header (a non-browser client: no
 * ambient cookie to abuse; browsers send Fetch Metadata on every request to https and localhost)
 * are let through.
 */
export function isFromAnotherSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}
