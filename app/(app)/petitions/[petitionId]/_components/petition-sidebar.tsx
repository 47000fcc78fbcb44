import { getFormatter, getTranslations } from "next-intl/server";
import type { PetitionDetail } from "@/lib/domain/petitions/queries";
import { UploadForm } from "@/components/upload-form";
import type { UploadResultKey } from "@/lib/http/upload-route";

const box = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";

/** Deadlines, exports and files, and the history of the petition's steps. */
export async function PetitionSidebar({ petition: p, canUpload, messages, upload = null }: { petition: PetitionDetail; canUpload: boolean; messages: Record<string, string>; upload?: UploadResultKey | null }) {
  const [t, ts, tAll, format] = await Promise.all([getTranslations("petitionUi"), getTranslations("petitionStatus"), getTranslations(), getFormatter()]);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <section aria-labelledby="deadlines-h" className={box} data-testid="petition-deadlines">
        <h2 id="deadlines-h" className="text-lg font-semibold">{t("deadlines")}</h2>
        {p.deadlines.length === 0 ? <p className="mt-1 text-sm text-stone-600">{t("noDeadlines")}</p> : (
          <ul className="mt-2 space-y-2 text-sm">
            {p.deadlines.map((d) => (
              <li key={d.key} className={`border-l-4 pl-2 ${d.severity === "overdue" ? "border-red-600" : d.severity === "warning" ? "border-orange-500" : "border-stone-300"}`} data-severity={d.severity}>
                <span className="font-semibold">{day(d.due)}</span>
                <span className="block text-stone-700">{tAll(d.labelKey as never)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {p.canExport ? (
        <section aria-labelledby="export-h" className={box}>
          <h2 id="export-h" className="text-lg font-semibold">{t("export")}</h2>
          <p className="text-xs text-stone-600">{t("exportIntro")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {(["pdf", "docx"] as const).map((format) => (
              <form key={format} method="post" action={`/api/petitions/${p.id}/export`}>
                <input type="hidden" name="format" value={format} />
                <button type="submit" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800">{format === "pdf" ? t("exportPdf") : t("exportDocx")}</button>
              </form>
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="files-h" className={box}>
        <h2 id="files-h" className="text-lg font-semibold">{t("files")}</h2>
        {p.files.length === 0 ? <p className="mt-1 text-sm text-stone-600">{t("noFiles")}</p> : (
          <ul className="mt-2 space-y-2 text-sm" data-testid="petition-files">
            {p.files.map((f) => (
              <li key={f.id} className="min-w-0">
                <a href={`/api/petitions/files/${f.id}`} className="text-brand-700 underline wrap-anywhere">{f.fileName}</a>
                <span className="block text-xs text-stone-600">
                  {format.dateTime(f.createdAt, { dateStyle: "medium", timeStyle: "short" })}{f.createdByName ? ` · ${f.createdByName}` : ""} · {t("size", { size: Math.max(1, Math.round(f.sizeBytes / 1024)) })}
                </span>
                <span className="block font-mono text-[10px] text-stone-500 wrap-anywhere">{t("sha", { sha: f.sha256 })}</span>
              </li>
            ))}
          </ul>
        )}
        {canUpload ? (
          // A plain form to the upload route (session and scope checked before the body is read).
          <UploadForm
            action={`/api/uploads/petition-files/${p.id}`} result={upload} messages={{ ...messages, fileTypeNotAllowed: t("uploadTypeNotAllowed") }}
            summary={t("upload")} fileId="petition-file" fileLabel={t("uploadFile")} hint={t("uploadHint")}
            accept=".pdf,.docx,.jpg,.jpeg,.png,.webp,.heic,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/*,text/plain"
            submitLabel={t("uploadSubmit")} successMessage={t("uploaded")} className="mt-3 space-y-3"
          />
        ) : null}
      </section>

      <section aria-labelledby="history-h" className={box}>
        <h2 id="history-h" className="text-lg font-semibold">{t("history")}</h2>
        {p.transitions.length === 0 ? <p className="mt-1 text-sm text-stone-600">{t("historyEmpty")}</p> : (
          <ol className="mt-2 space-y-2 text-sm" data-testid="petition-history">
            {p.transitions.map((h) => (
              <li key={h.id} className="border-l-4 border-brand-600 pl-2">
                <span className="font-medium">{h.fromStatus ? `${ts(h.fromStatus)} → ` : ""}{ts(h.toStatus)}</span>
                <span className="block text-xs text-stone-600">{format.dateTime(h.at, { dateStyle: "medium", timeStyle: "short" })}{h.actorName ? ` · ${t("by", { name: h.actorName })}` : ""}</span>
                {h.note ? <span className="block whitespace-pre-line wrap-anywhere">{h.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {p.unReference ? <p className="mt-3 text-sm"><span className="text-stone-600">{t("unReference")}: </span><span className="font-mono">{p.unReference}</span></p> : null}
      </section>
    </>
  );
}
