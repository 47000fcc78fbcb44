"use server";
// Import server actions (issue 12 item 9): the file itself never comes through a server action. It
// is uploaded to app/api/uploads/csv-import, checked and staged server-side; these actions carry
// only the staged id. The commit re-reads and re-validates the staged file itself (never the
// preview) and deletes the staged copy in the same transaction; anyone else's id is NOT_FOUND.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { cancelStagedImport, commitStagedImport } from "@/lib/domain/detainee/csv/staging";
import type { ImportOutcome } from "@/lib/domain/detainee/csv/import";

export async function commitImportAction(_prev: ActionResult<ImportOutcome> | null, form: FormData): Promise<ActionResult<ImportOutcome>> {
  const result = await runAction("commitDetaineeImport", async () => {
    const viewer = await requireActionViewer();
    return commitStagedImport(viewer, form.get("stagedId"));
  });
  if (!result.ok) return result;
  revalidatePath("/detainees");
  // The result page: counts and the first and last case numbers (no names, nothing from the file).
  const o = result.data!;
  const q = new URLSearchParams({ imported: String(o.created), skipped: String(o.alreadyImported), first: o.firstCaseNumber ?? "", last: o.lastCaseNumber ?? "" });
  redirect(`/detainees/import?${q.toString()}`);
}

export async function cancelImportAction(form: FormData): Promise<void> {
  const viewer = await requireActionViewer();
  await cancelStagedImport(viewer, form.get("stagedId"));
  redirect("/detainees/import");
}
