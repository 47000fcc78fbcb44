"use client";
// The two steps of an import: check a file (nothing is written), then import it. The checked
// content travels to the commit in a hidden field; the server validates it again from scratch.
import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { inputClass } from "@/components/ui/field";
import { commitImportAction, previewImportAction } from "../actions";
import type { ImportPreview } from "../preview";
import { PreviewTable } from "./preview-table";

// Mirrors MAX_IMPORT_BYTES (lib/domain/detainee/csv/parse.ts), which the server enforces; checked
// here too so a too-large file is refused at once instead of after a long upload.
const MAX_BYTES = 5 * 1024 * 1024;
type Labels = Record<string, string>;
const button = "min-h-10 rounded-md px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60";

function errorText(state: ActionResult<unknown> | null, field: string, messages: Labels): string | null {
  if (!state || state.ok) return null;
  const keys = state.fieldErrors?.[field];
  return keys?.length ? keys.map((k) => messages[k] ?? messages.invalid).join(" ") : null;
}

function formError(state: ActionResult<unknown> | null, fields: string[], messages: Labels): string | null {
  if (!state || state.ok) return null;
  if (fields.some((f) => state.fieldErrors?.[f]?.length)) return null;
  return messages[state.message ?? "generic"] ?? messages.generic ?? null;
}

export function ImportFlow({ teams, labels, messages }: { teams: { id: string; name: string }[]; labels: Labels; messages: Labels }) {
  const [state, previewAction, checking] = useActionState(previewImportAction, null);
  const [tooLarge, setTooLarge] = useState(false);
  const fileError = tooLarge ? messages.fileTooLarge! : errorText(state, "file", messages);
  const teamError = errorText(state, "teamId", messages);
  const preview = state?.ok ? state.data! : null;
  const general = formError(state, ["file", "teamId"], messages);
  return (
    <>
      <form
        action={previewAction}
        onSubmit={(event) => {
          // Submit without React's form reset, so the chosen team and file stay selected.
          event.preventDefault();
          if (tooLarge) return;
          const data = new FormData(event.currentTarget);
          startTransition(() => previewAction(data));
        }}
        className="mt-4 space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200"
      >
        <div className="space-y-1">
          <label htmlFor="import-team" className="block text-sm font-medium">{labels.team}</label>
          <select id="import-team" name="teamId" className={inputClass} aria-invalid={teamError ? true : undefined} aria-describedby={teamError ? "import-team-error" : undefined}>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
          {teamError ? <p id="import-team-error" className="text-sm text-red-700">{teamError}</p> : null}
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
          {fileError ? <p id="import-file-error" className="text-sm text-red-700">{fileError}</p> : null}
        </div>
        {general ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{general}</p> : null}
        <button type="submit" disabled={checking || tooLarge} aria-busy={checking} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
          {checking ? labels.checking : labels.check}
        </button>
        <p role="status" className="text-sm text-stone-700">{checking ? labels.checkingStatus : ""}</p>
      </form>

      {preview ? (
        <section aria-labelledby="preview-h" aria-busy={checking} className="mt-6">
          <h2 id="preview-h" className="text-lg font-semibold">{labels.previewTitle}</h2>
          {/* A new check (another file or team) starts a fresh commit step. */}
          <PreviewResult key={`${preview.sha256}:${preview.teamId}`} preview={preview} teams={teams} labels={labels} messages={messages} />
        </section>
      ) : null}
    </>
  );
}

function PreviewResult({ preview, teams, labels, messages }: { preview: ImportPreview; teams: { id: string; name: string }[]; labels: Labels; messages: Labels }) {
  const [state, commitAction, committing] = useActionState(commitImportAction, null);
  const team = teams.find((t) => t.id === preview.teamId)?.name ?? "";
  const error = state && !state.ok ? (state.fieldErrors?.file?.[0] ?? state.fieldErrors?.teamId?.[0] ?? state.message ?? "generic") : null;
  const s = preview.summary;
  return (
    <div className="space-y-3">
      <p className="break-words text-sm text-stone-700">{labels.previewFor!.replace("{file}", preview.fileName).replace("{team}", team)}</p>
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

      {state?.ok ? (
        <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>{state.data!.message}</p>
          {state.data!.skipped ? <p>{state.data!.skipped}</p> : null}
          <Link href="/detainees" className="mt-1 inline-block font-medium underline">{labels.viewCases}</Link>
        </div>
      ) : (
        <form
          action={commitAction}
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(() => commitAction(data));
          }}
          aria-busy={committing}
          className="space-y-2"
        >
          <input type="hidden" name="teamId" value={preview.teamId} />
          <input type="hidden" name="content" value={preview.content} />
          {preview.notice ? <p id="commit-notice" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{preview.notice}</p> : null}
          {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{messages[error] ?? messages.generic}</p> : null}
          <button
            type="submit" disabled={!preview.canCommit || committing} aria-busy={committing}
            aria-describedby={preview.notice ? "commit-notice" : undefined}
            className={`${button} bg-brand-700 text-white hover:bg-brand-800`}
          >
            {committing ? labels.committing : preview.commitLabel}
          </button>
          <p role="status" className="text-sm text-stone-700">{committing ? labels.committingStatus : ""}</p>
        </form>
      )}
    </div>
  );
}
