// A file upload as a plain multipart form posting to an upload route (lib/http/upload-route.ts):
// the same with or without JavaScript. The route answers with a 303 back to the page carrying
// `?upload=ok` or an error key; the page passes it here as `result`, and the form opens with the
// message (under the file field for an error, below the form for success).
import type { UploadResultKey } from "@/lib/http/upload-route";

const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

export function UploadForm({
  action, result, messages, summary, fileId, fileLabel, hint, accept, submitLabel, successMessage, className = "mt-3 space-y-4", children,
}: {
  action: string; result: UploadResultKey | null; messages: Record<string, string>; summary: string; fileId: string; fileLabel: string;
  hint: string; accept: string; submitLabel: string; successMessage: string; className?: string; children?: React.ReactNode;
}) {
  const error = result && result !== "ok" ? messages[result] ?? messages.generic : null;
  return (
    <details className="mt-4" open={result ? true : undefined}>
      <summary className="min-h-8 cursor-pointer text-sm font-semibold text-brand-700 underline">{summary}</summary>
      <form method="post" action={action} encType="multipart/form-data" className={className}>
        <div className="space-y-1">
          <label htmlFor={fileId} className="block text-sm font-medium">{fileLabel}</label>
          <input id={fileId} name="file" type="file" accept={accept} required aria-invalid={error ? true : undefined} aria-describedby={`${fileId}-hint ${fileId}-error`} className={inputClass} />
          <p id={`${fileId}-hint`} className="text-xs text-stone-600">{hint}</p>
          {error ? <p id={`${fileId}-error`} role="alert" className="text-sm text-red-700">{error}</p> : null}
        </div>
        {children}
        {result === "ok" ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{successMessage}</p> : null}
        <button type="submit" className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{submitLabel}</button>
      </form>
    </details>
  );
}
