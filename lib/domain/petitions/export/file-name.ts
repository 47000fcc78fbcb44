import type { PetitionDocument } from "../types";

/**
 * "HV-PET-2026-0007_2026-11-29.pdf". ASCII letters, digits, "-", "_" and one "." only: the name
 * goes into a Content-Disposition header unquoted-safe (no quotes, semicolons, slashes or CR/LF
 * to inject header parameters or path segments) and survives any e-mail or file system.
 */
export function exportFileName(doc: Pick<PetitionDocument, "reference" | "date">, ext: "pdf" | "docx"): string {
  const reference =
    doc.reference
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .slice(0, 80)
      .replace(/^[-_]+|[-_]+$/g, "") || "petition";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(doc.date) ? `_${doc.date}` : "";
  return `${reference}${date}.${ext}`;
}
