// The benchmark's second reference page (npm run bench, docs/performance.md): the signed-in layout
// around one div, so a page's cost splits into the shell's and its own. Served only when the
// server runs with HAVEN_BENCH=1; a 404 otherwise.
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/session";

export default async function BenchShellPage() {
  await connection();
  if (process.env.HAVEN_BENCH !== "1") notFound();
  const viewer = await requireViewer();
  return <div data-testid="bench-shell">{viewer.role}</div>;
}
