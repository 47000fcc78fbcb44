// Commit or cancel a staged CSV import (issue 12 item 9): the preview's plain form posts here with
// only `intent` (the staged id is in the URL) — a route rather than a server action so that it
// works without JavaScript too (a no-JS form post carries `Origin: null` under this app's
// no-referrer policy, which Next refuses for actions; Sec-Fetch-Site still says same-origin).
// Same origin, a session and the import permission first; the staged import must be this
// viewer's own and unexpired, or the answer is a 404 that says only "expired or not yours".
// The commit is the existing all-or-nothing one, and deletes the staged copy in its transaction.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { recordRefusal } from "@/lib/audit/refusal";
import { cancelStagedImport, commitStagedImport, isStagedImportId } from "@/lib/domain/detainee/csv/staging";
import { isAppError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";
import { plain, readCappedForm, see, uploadResultOf } from "@/lib/http/upload-route";
import { logger } from "@/lib/logger";

export async function POST(request: Request, context: { params: Promise<{ stagedId: string }> }): Promise<Response> {
  if (!isSameOrigin(request)) return plain(403, "Forbidden");
  const viewer = await getViewer();
  if (!viewer) return plain(404, "Not found");
  const { stagedId } = await context.params;
  const gone = async () => {
    await recordRefusal(viewer, { target: "upload:csv-import-commit", code: "NOT_FOUND", entityType: "ImportStaging", entityId: stagedId.slice(0, 40) });
    return plain(404, (await getTranslations("csv.form"))("stagedGone"));
  };
  if (!can(viewer, "detainee.import") || !isStagedImportId(stagedId)) return gone();
  // Only the intent field: a few bytes (anything larger is refused unread).
  const body = await readCappedForm(request, 16 * 1024);
  const intent = body.ok ? body.form.get("intent") : null;
  const preview = `/detainees/import?staged=${stagedId}`;
  if (intent === "cancel") {
    await cancelStagedImport(viewer, stagedId);
    return see("/detainees/import");
  }
  if (intent !== "commit") return see(`${preview}&upload=checkFields#preview-h`);
  try {
    const o = await commitStagedImport(viewer, stagedId);
    revalidatePath("/detainees");
    // The result page: counts and the first and last case numbers (no names, nothing from the file).
    const q = new URLSearchParams({ imported: String(o.created), skipped: String(o.alreadyImported), first: o.firstCaseNumber ?? "", last: o.lastCaseNumber ?? "" });
    return see(`/detainees/import?${q.toString()}`);
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return gone();
    if (isAppError(e) && (e.code === "INVALID" || e.code === "CONFLICT")) {
      return see(`${preview}&upload=${uploadResultOf(e.fieldErrors?.file?.[0] ?? e.fieldErrors?.teamId?.[0]) ?? "generic"}#preview-h`);
    }
    logger.error({ action: "upload:csv-import-commit", err: e instanceof Error ? e.name : "unknown" }, "import commit failed");
    return see(`${preview}&upload=generic#preview-h`);
  }
}
