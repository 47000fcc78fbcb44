"use client";
// The two steps of an import (issue 12 item 9). Step 1 is a plain multipart form posting the file
// to the upload route (app/api/uploads/csv-import), with or without JavaScript; the route checks
// and stages it and sends the browser back here with `?staged=<id>`. Step 2 (the preview, with
// the commit and cancel buttons) posts to app/api/uploads/csv-import/<id>: the id and the button only.
import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { ImportPreview } from "../preview";
import { PreviewTable } from "./preview-table";

// Mirrors MAX_IMPORT_BYTES (lib/domain/detainee/csv/parse.ts), which the server enforces; checked
// here too so a too-large file is refused at once instead of after a long upload.
const MAX_BYTES = 5 * 1024 * 1024;
type Labels = Record<string, string>;
const button = "min-h-10 rounded-md px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60";

/** Step 1. `error` is the route's answer (`?upload=<key>`) or a gone staged id, already translated. */
export function ImportUploadForm({ teams, labels, messages, error, teamId }: {
  teams: { id: string; name: string }[]; labels: Labels; messages: Labels; error: { field: "file" | "teamId" | null; text: string } | null; teamId?: string;
}) {
  const [tooLarge, setTooLarge] = useState(false);
  const [checking, setChecking] = useState(false);
  const fileError = tooLarge ? messages.fileTooLarge! : error?.field === "file" ? error.text : null;
  const teamError = error?.field === "teamId" ? error.text : null;
  const general = error && error.field === null ? error.text : null;
  return (
    <form
      id="import-form" method="post" action="/api/uploads/csv-import" encType="multipart/form-data"
      onSubmit={(event) => {
        if (tooLarge) event.preventDefault();
        else setChecking(true);
      }}
      className="mt-4 space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <div className="space-y-1">
        <label htmlFor="import-team" className="block text-sm font-medium">{labels.team}</label>
        <select id="import-team" name="teamId" defaultValue={teamId} className={inputClass} aria-invalid={teamError ? true : undefined} aria-describedby={teamError ? "import-team-error" : undefined}>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
        {teamError ? <p id="import-team-error" role="alert" className="text-sm text-red-700">{teamError}</p> : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="import-file" className="block text-sm font-medium">{labels.file}</label>
        <input
          id="import-file" name="file" type="file" accept=".csv,text/csv" required
          onChange={(e) => setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > MAX_BYTES)}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`import-file-hint${fileError ? " import-file-error" : ""}`}
          className="block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:font-medium"
        />
        <p id="import-file-hint" className="text-xs text-stone-600">{labels.fileHint}</p>
        {fileError ? <p id="import-file-error" role="alert" className="text-sm text-red-700">{fileError}</p> : null}
      </div>
      {general ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{general}</p> : null}
      <button type="submit" disabled={checking || tooLarge} aria-busy={checking} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
        {checking ? labels.checking : labels.check}
      </button>
      <p role="status" className="text-sm text-stone-700">{checking ? labels.checkingStatus : ""}</p>
    </form>
  );
}

/** Step 2: the staged file's preview; the commit and cancel buttons post its id only. `error`: the commit's refusal, translated. */
export function PreviewResult({ preview, teamName, labels, error }: { preview: ImportPreview; teamName: string; labels: Labels; error: string | null }) {
  const [committing, setCommitting] = useState(false);
  const s = preview.summary;
  return (
    <div className="space-y-3">
      <p className="break-words text-sm text-stone-700">{labels.previewFor!.replace("{file}", preview.fileName).replace("{team}", teamName)}</p>
      <ul className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="import-counts">
        <li className="rounded-md bg-white px-3 py-2 ring-1 ring-stone-200">{s.total}</li>
        <li className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-emerald-200">✓ {s.toCreate}</li>
        <li className="rounded-md bg-red-50 px-3 py-2 text-red-900 ring-1 ring-red-200">✕ {s.withErrors}</li>
        <li className="rounded-md bg-stone-100 px-3 py-2 text-stone-800 ring-1 ring-stone-200">↺ {s.alreadyImported}</li>
      </ul>
      {preview.fileProblems.length > 0 ? (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-semibold">{labels.fileProblems}</p>
          <ul className="mt-1 list-disc pl-5">{preview.fileProblems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      ) : null}
      {preview.rows.length > 0 ? <PreviewTable rows={preview.rows} labels={labels} /> : null}
      {s.shown ? <p className="text-xs text-stone-600">{s.shown}</p> : null}

      <form
        method="post" action={`/api/uploads/csv-import/${preview.stagedId}`} encType="multipart/form-data" aria-busy={committing} className="space-y-2"
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          if (committing) event.preventDefault();
          else if (submitter?.value === "commit") setCommitting(true);
        }}
      >
        {preview.notice ? <p id="commit-notice" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{preview.notice}</p> : null}
        {error ? <p id="commit-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
        <div className="flex flex-wrap gap-2">
          <button
            type="submit" name="intent" value="commit" disabled={!preview.canCommit} aria-busy={committing}
            aria-describedby={preview.notice ? "commit-notice" : undefined}
            className={`${button} bg-brand-700 text-white hover:bg-brand-800`}
          >
            {committing ? labels.committing : preview.commitLabel}
          </button>
          <button type="submit" name="intent" value="cancel" className={`${button} bg-white ring-1 ring-inset ring-stone-300 hover:bg-stone-50`}>
            {labels.cancel}
          </button>
        </div>
        <p className="text-xs text-stone-600">{labels.expires}</p>
        <p role="status" className="text-sm text-stone-700">{committing ? labels.committingStatus : ""}</p>
      </form>
    </div>
  );
}
