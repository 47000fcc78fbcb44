"use server";
// Import server actions: session → permission → domain call. The preview writes nothing; the
// commit re-reads and re-validates the file content itself and never trusts the preview (the
// hidden field could have been edited, or the data changed in between).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { requireActionViewer } from "@/lib/auth/session";
import { runAction } from "@/lib/actions";
import { AppError, type ActionResult } from "@/lib/errors";
import { assertCan } from "@/lib/domain/authz";
import { commitDetaineeImport, previewDetaineeImport } from "@/lib/domain/detainee/csv/import";
import { decodeCsvBytes, MAX_IMPORT_BYTES } from "@/lib/domain/detainee/csv/parse";
import { toImportPreview, type ImportPreview } from "./preview";

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

export async function previewImportAction(_prev: ActionResult<ImportPreview> | null, form: FormData): Promise<ActionResult<ImportPreview>> {
  return runAction("previewDetaineeImport", async () => {
    const viewer = await requireActionViewer();
    // Before reading the upload, so someone without the permission cannot make the server decode files.
    assertCan(viewer, "detainee.import");
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("INVALID", "Choose a CSV file.", { file: ["chooseFile"] });
    if (file.size > MAX_IMPORT_BYTES) throw new AppError("INVALID", "The file is larger than 5 MB.", { file: ["fileTooLarge"] });
    const content = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    const teamId = str(form.get("teamId"));
    const analysis = await previewDetaineeImport(viewer, { teamId, content });
    return toImportPreview(analysis, { teamId, fileName: file.name.slice(0, 120), content });
  });
}

export type ImportDone = { message: string; skipped: string | null };

export async function commitImportAction(_prev: ActionResult<ImportDone> | null, form: FormData): Promise<ActionResult<ImportDone>> {
  const result = await runAction("commitDetaineeImport", async () => {
    const viewer = await requireActionViewer();
    const outcome = await commitDetaineeImport(viewer, { teamId: str(form.get("teamId")), content: str(form.get("content")) });
    const t = await getTranslations("csv.import");
    return {
      message: outcome.created > 0
        ? t("done", { count: outcome.created, first: outcome.firstCaseNumber ?? "", last: outcome.lastCaseNumber ?? "" })
        : t("doneNone", { count: outcome.alreadyImported }),
      skipped: outcome.created > 0 && outcome.alreadyImported > 0 ? t("doneSkipped", { count: outcome.alreadyImported }) : null,
    };
  });
  if (result.ok) revalidatePath("/detainees");
  return result;
}
