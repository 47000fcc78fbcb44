// Petition export (PDF or DOCX): POST only, same-origin only. Rendering, storing the copy and the
// audit row happen on every export — each is a copy of case data leaving Haven. Outsiders and
// roles that may not export get the same plain 404 as a petition that does not exist.
import { getViewer } from "@/lib/auth/session";
import { hasRecentReauth, reauthPath } from "@/lib/auth/reauth";
import { prisma } from "@/lib/db/client";
import { getPetition } from "@/lib/domain/petitions/queries";
import { storePetitionFile, DOCX_MIME, PDF_MIME } from "@/lib/domain/petitions/files";
import { renderPetitionPdfOffThread } from "@/lib/domain/petitions/export/pdf-thread";
import { renderPetitionDocx } from "@/lib/domain/petitions/export/docx";
import { exportFileName } from "@/lib/domain/petitions/export/file-name";
import type { PetitionDocument } from "@/lib/domain/petitions/types";
import { isSameOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/logger";
import { DATA_RESPONSE_CSP } from "@/lib/security/csp";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

const CONFIDENTIAL = {
  en: "CONFIDENTIAL — submitted to the United Nations; the source's identity is not for disclosure",
  ko: "대외비 — 제출처 외 공개 금지",
} as const;

export async function POST(request: Request, context: { params: Promise<{ petitionId: string }> }): Promise<Response> {
  // A cross-site form post must not make a signed-in lawyer's browser export anything (S17).
  if (!isSameOrigin(request)) return plain(403, "Forbidden");
  const viewer = await getViewer();
  if (!viewer) return plain(404, "Not found");
  const { petitionId } = await context.params;
  const p = await getPetition(viewer, petitionId);
  if (!p || !p.canExport) return plain(404, "Not found");
  // Exports are copies of case data leaving Haven: password (and code) within the last minutes (S7).
  if (!(await hasRecentReauth(viewer))) {
    return new Response(null, { status: 303, headers: { Location: reauthPath(`/petitions/${p.id}`), "Cache-Control": "no-store" } });
  }
  const form = await request.formData().catch(() => null);
  const format = form?.get("format");
  if (format !== "pdf" && format !== "docx") return plain(400, "Choose PDF or DOCX.");
  const team = await prisma().team.findUniqueOrThrow({ where: { id: p.team.id }, select: { name: true, orgLegalName: true, orgNameKo: true } });
  const language = p.language === "ko" ? "ko" : "en";
  const doc: PetitionDocument = {
    reference: p.unReference ?? `HV-PET-${p.id.slice(-8).toUpperCase()}`,
    title: p.title,
    language,
    date: new Date().toISOString().slice(0, 10),
    confidentiality: CONFIDENTIAL[language],
    organisation: (language === "ko" ? team.orgNameKo : null) ?? team.orgLegalName ?? team.name,
    sections: p.content.sections.map((s) => ({ heading: s.heading, body: s.body })),
  };
  try {
    const bytes = format === "pdf" ? await renderPetitionPdfOffThread(doc) : await renderPetitionDocx(doc);
    const fileName = exportFileName(doc, format);
    await storePetitionFile(viewer, { petitionId: p.id, kind: format === "pdf" ? "EXPORT_PDF" : "EXPORT_DOCX", fileName, mimeType: format === "pdf" ? PDF_MIME : DOCX_MIME, bytes: new Uint8Array(bytes) });
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": format === "pdf" ? PDF_MIME : DOCX_MIME,
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Content-Length": String(bytes.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DATA_RESPONSE_CSP,
      },
    });
  } catch (e) {
    logger.error({ route: "petition.export", err: e instanceof Error ? e.name : "unknown" }, "petition export failed");
    return plain(500, "The export failed. Try again; if it keeps failing, tell your administrator.");
  }
}
