// The benchmark's reference page (npm run bench, docs/performance.md): the same session check as
// every page (requireViewer) and one div, outside the signed-in layout. Served only when the
// server runs with HAVEN_BENCH=1; a 404 otherwise.
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/session";

export default async function BenchBarePage() {
  await connection(); // decided per request, never prerendered at build time
  if (process.env.HAVEN_BENCH !== "1") notFound();
  const viewer = await requireViewer();
  return <div data-testid="bench-bare">{viewer.role}</div>;
}
