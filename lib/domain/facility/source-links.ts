// Source URLs come from people's input. Only http(s) becomes a link (a "javascript:" or "data:"
// URL stored before validation existed must never become clickable, S14); the label is short
// and readable so long percent-encoded URLs do not push the page sideways.
export type SourceLink = { href: string; label: string } | { href: null; label: string };

export function sourceLink(raw: string, maxLabel = 60): SourceLink {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { href: null, label: raw };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { href: null, label: raw };
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the encoded form
  }
  const full = `${url.hostname.replace(/^www\./, "")}${path === "/" ? "" : path}`;
  return { href: url.href, label: full.length > maxLabel ? `${full.slice(0, maxLabel - 1)}…` : full };
}
