// Ranks search hits: an exact name form first, then a form starting with what was typed, then
// anything containing it; ties keep the caller's order. Pure, so the order is pinned by tests.
export function matchRank(searchText: string, needle: string): number {
  if (!needle) return 3;
  const forms = searchText.split(" ");
  if (forms.includes(needle)) return 0;
  if (forms.some((f) => f.startsWith(needle))) return 1;
  if (searchText.includes(needle)) return 2;
  return 3;
}
