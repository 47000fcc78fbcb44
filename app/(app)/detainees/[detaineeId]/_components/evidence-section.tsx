import { getFormatter, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { listAttachments } from "@/lib/domain/attachment/queries";
import { ActionForm } from "@/components/action-form";
import { CheckboxField, TextAreaField } from "@/components/form-fields";
import { UploadForm } from "@/components/upload-form";
import type { UploadResultKey } from "@/lib/http/upload-route";
import { archiveAttachmentAction } from "../evidence-actions";
import { evidenceFormMessages } from "./note-form";

const TYPE_LABELS: Record<string, string> = {
  "image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "image/heic": "HEIC", "image/heif": "HEIF",
  "application/pdf": "PDF", "audio/mpeg": "MP3", "audio/mp4": "M4A", "video/mp4": "MP4", "audio/ogg": "OGG",
  "audio/wav": "WAV", "text/plain; charset=utf-8": "TXT",
};
// A hint for the file picker only; the server decides by content (lib/domain/attachment/sniff.ts).
const ACCEPT = ".jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,.mp3,.m4a,.mp4,.ogg,.oga,.opus,.wav,.txt";

/**
 * Evidence files of a case. Confidential files reach roles without detainee.restricted.read
 * only as masked entries (see lib/domain/attachment/queries.ts), so no name, description or
 * hash of theirs is in this component's output for those roles.
 */
export async function EvidenceSection({ viewer, detaineeId, upload = null }: { viewer: Viewer; detaineeId: string; upload?: UploadResultKey | null }) {
  const [files, t, format, messages] = await Promise.all([listAttachments(viewer, detaineeId), getTranslations("evidence"), getFormatter(), evidenceFormMessages()]);
  const mayUpload = can(viewer, "detainee.update");
  const mayArchive = can(viewer, "attachment.archive");
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 })
      : format.number(Math.max(1, Math.round(bytes / 1024)), { style: "unit", unit: "kilobyte" });
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <section aria-labelledby="evidence-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="evidence-h" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>
      {files.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">{t("none")}</p>
      ) : (
        <ul className="mt-3 space-y-3" data-testid="evidence">
          {files.map((f, i) =>
            f.visible ? (
              <li key={f.id} className="min-w-0 rounded-md p-3 ring-1 ring-stone-200">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-all">{f.fileName}</span>
                  {f.isConfidential ? <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{t("confidentialBadge")}</span> : null}
                </p>
                <p className="text-sm text-stone-600">
                  {TYPE_LABELS[f.mimeType] ?? f.mimeType} · {size(f.sizeBytes)} · {f.uploadedBy ? t("addedBy", { date: date(f.createdAt), name: f.uploadedBy }) : t("added", { date: date(f.createdAt) })}
                </p>
                {f.description ? <p className="mt-1 whitespace-pre-line break-words text-sm">{f.description}</p> : null}
                <p className="mt-1 text-xs text-stone-700">
                  {t("sha256")}: <code className="break-all font-mono">{f.sha256}</code>
                </p>
                <div className="mt-2 flex flex-wrap items-center gap-3">
                  <a href={`/api/attachments/${f.id}`} download className="inline-flex min-h-10 items-center text-sm font-semibold text-brand-700 underline" aria-label={t("downloadLabel", { name: f.fileName })}>
                    {t("download")}
                  </a>
                  {mayArchive ? (
                    <ActionForm action={archiveAttachmentAction} messages={messages} submitLabel={t("archive")} submitVariant="secondary" className="flex flex-wrap items-center gap-2">
                      <input type="hidden" name="attachmentId" value={f.id} />
                    </ActionForm>
                  ) : null}
                </div>
              </li>
            ) : (
              <li key={`masked-${i}`} className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="attachment-masked">
                <p className="font-medium">{t("masked")} <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{t("confidentialBadge")}</span></p>
                <p className="text-sm text-stone-700">{t("added", { date: date(f.createdAt) })} · {t("maskedHint")}</p>
              </li>
            ),
          )}
        </ul>
      )}
      {mayUpload ? (
        // A plain form to the upload route, which checks the session and scope before it reads
        // the body (server actions keep Next's 1 MB limit; issue 12 item 9).
        <UploadForm
          action={`/api/uploads/evidence/${detaineeId}`} result={upload} messages={messages} summary={t("upload")} fileId="evidence-file"
          fileLabel={t("file")} hint={t("fileHint")} accept={ACCEPT} submitLabel={t("uploadSubmit")} successMessage={t("uploaded")}
        >
          <TextAreaField id="evidence-description" name="description" label={t("description")} rows={2} maxLength={2000} />
          <CheckboxField id="evidence-confidential" name="isConfidential" label={t("confidential")} />
        </UploadForm>
      ) : null}
    </section>
  );
}
