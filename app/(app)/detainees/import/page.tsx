import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listWritableTeams } from "@/lib/domain/detainee/queries";
import { IMPORT_COLUMNS } from "@/lib/domain/detainee/csv/columns";
import { recordRefusal } from "@/lib/audit/refusal";
import { isAppError } from "@/lib/errors";
import { previewStagedImport } from "@/lib/domain/detainee/csv/staging";
import { uploadResultOf } from "@/lib/http/upload-route";
import { ImportUploadForm, PreviewResult } from "./_components/import-flow";
import { toImportPreview, type ImportPreview } from "./preview";
import { CASE_NUMBER_PATTERN } from "@/lib/domain/detainee/case-number";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("csv.import"))("title") };
}

// Static labels the client flow shows; everything with numbers in it is translated by the actions.
const LABEL_KEYS = [
  "team", "file", "fileHint", "check", "checking", "checkingStatus", "previewTitle", "fileProblems", "colLine", "colRef",
  "colName", "colBorn", "colStatus", "colFacility", "colResult", "rowOk", "rowProblems", "committing", "committingStatus", "viewCases",
  "cancel", "expires",
] as const;
const FORM_KEYS = [
  "generic", "checkFields", "invalid", "chooseFile", "fileTooLarge", "unknownTeam", "importHasErrors", "importedMeanwhile", "notCsv", "stagedGone",
] as const;
type Search = Record<string, string | string[] | undefined>;

export default async function ImportDetaineesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  // Not discoverable without the permission (S8): the same 404 as a page that does not exist.
  if (!can(viewer, "detainee.import")) return refuseNotFound(viewer, { target: "/detainees/import", reason: "role" });
  const [teams, t, tc, tf] = await Promise.all([
    listWritableTeams(viewer), getTranslations("csv.import"), getTranslations("csv.columns"), getTranslations("csv.form"),
  ]);
  const labels = { ...Object.fromEntries(LABEL_KEYS.map((k) => [k, t(k)])), previewFor: t.raw("previewFor") as string };
  const messages: Record<string, string> = Object.fromEntries(FORM_KEYS.map((k) => [k, tf(k)]));
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);

  // Step 2: a staged file (uploaded to /api/uploads/csv-import) — the viewer's own and unexpired only.
  let preview: ImportPreview | null = null;
  let error: { field: "file" | "teamId" | null; text: string } | null = null;
  const stagedId = one("staged");
  if (stagedId !== undefined) {
    try {
      const { staged, analysis } = await previewStagedImport(viewer, stagedId);
      preview = await toImportPreview(analysis, { stagedId: staged.id, teamId: staged.teamId, fileName: staged.fileName });
    } catch (e) {
      // Expired, cancelled, committed or someone else's: one message, nothing about the file.
      if (!(isAppError(e) && (e.code === "NOT_FOUND" || e.code === "INVALID"))) throw e;
      await recordRefusal(viewer, { target: "/detainees/import", code: "NOT_FOUND", entityType: "ImportStaging", entityId: stagedId.slice(0, 40) });
      error = { field: "file", text: messages.stagedGone! };
    }
  }
  // The upload route's answer for a file it did not stage.
  const upload = uploadResultOf(one("upload"));
  // The commit's refusal (the staged file stays): shown with its preview.
  const commitError = preview && upload && upload !== "ok" ? messages[upload] ?? messages.generic! : null;
  if (upload && upload !== "ok" && !preview) {
    error = { field: upload === "unknownTeam" ? "teamId" : upload === "generic" || upload === "checkFields" ? null : "file", text: messages[upload] ?? messages.generic! };
  }
  // Step 3: what the commit did (counts and case numbers only).
  const imported = Number(one("imported"));
  const skipped = Number(one("skipped") ?? 0);
  const first = one("first") ?? "", last = one("last") ?? "";
  const done = Number.isInteger(imported) && imported >= 0 && Number.isInteger(skipped) && skipped >= 0 && one("imported") !== undefined
    ? {
        message: imported > 0 && CASE_NUMBER_PATTERN.test(first) && CASE_NUMBER_PATTERN.test(last) ? t("done", { count: imported, first, last }) : t("doneNone", { count: skipped }),
        skipped: imported > 0 && skipped > 0 ? t("doneSkipped", { count: skipped }) : null,
      }
    : null;
  const teamName = preview ? teams.find((x) => x.id === preview.teamId)?.name ?? "" : "";
  return (
    <div className="max-w-5xl">
      <Link href="/detainees" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>

      <section aria-labelledby="steps-h" className="mt-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
        <h2 id="steps-h" className="font-semibold">{t("stepsTitle")}</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          <li>{t("step1")}</li>
          <li>{t("step2")}</li>
          <li>{t("step3")}</li>
        </ol>
        <p className="mt-3">
          <a href="/api/detainees/import-template" download className="inline-flex min-h-10 items-center rounded-md bg-white px-3 py-2 font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50">
            ↓ {t("template")}
          </a>
        </p>
        <p className="mt-3 text-stone-600">{t("reimport")}</p>
      </section>

      {teams.length === 0 ? (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("noTeams")}</p>
      ) : (
        <>
          {done ? (
            <div role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              <p>{done.message}</p>
              {done.skipped ? <p>{done.skipped}</p> : null}
              <Link href="/detainees" className="mt-1 inline-block font-medium underline">{t("viewCases")}</Link>
            </div>
          ) : null}
          {/* A new file (or the same one again) always starts over at step 1. */}
          <ImportUploadForm key={stagedId ?? upload ?? "new"} teams={teams} labels={labels} messages={messages} error={error} teamId={preview?.teamId} />
          {preview ? (
            <section aria-labelledby="preview-h" className="mt-6">
              <h2 id="preview-h" className="text-lg font-semibold">{t("previewTitle")}</h2>
              <PreviewResult key={preview.stagedId} preview={preview} teamName={teamName} labels={labels} error={commitError} />
            </section>
          ) : null}
        </>
      )}

      <details className="mt-6 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
        <summary className="cursor-pointer font-semibold">{t("columnsTitle")}</summary>
        <p className="mt-2 text-stone-700">{t("columnsIntro")}</p>
        <dl className="mt-3 divide-y divide-stone-100">
          {IMPORT_COLUMNS.map((c) => (
            <div key={c} className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
              <dt className="break-all font-mono text-xs font-semibold">{c}</dt>
              <dd className="text-stone-700">{tc(c)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
