import "server-only";
// File uploads come through route handlers, not server actions (issue 12 item 9): server actions
// keep Next's 1 MB body limit, and an upload route decides who may send a large body BEFORE it
// reads a byte of it — same origin, a live session, the permission and the case or petition in
// scope. Anyone else gets the same plain 404 as a missing page, with the body never read. The
// body is then read up to a cap (the declared Content-Length is checked first, but the count of
// bytes that really arrive decides). Evidence and petition files are streamed (handleStreamedUpload,
// streamed-form.ts): the file goes to a `.part` on disk as it arrives and the domain function
// checks it again and renames it with its row, so memory does not grow with the file. The CSV
// import (at most 5 MB, staged encrypted in the database) reads its capped form into memory
// (handleUpload, readCappedForm).
//
// Plain multipart forms post here, with or without JavaScript; the answer is a 303 back to the
// page with `?upload=ok` or `?upload=<error key>`, which the page shows in the viewer's language.
// Upload routes live under /api/uploads/, which proxy.ts does not run on: Next would otherwise
// copy (and cut off at proxyClientMaxBodySize) every body it passes through the proxy.
import { ZodError } from "zod";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { recordRefusal } from "@/lib/audit/refusal";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/attachment/sniff";
import type { StagedUpload } from "@/lib/domain/attachment/staged-upload";
import { removePartialFile } from "@/lib/domain/attachment/storage";
import { isAppError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/logger";
import { declaresTooMuch, readStreamedForm, type StreamedForm } from "@/lib/http/streamed-form";

/** The largest body an upload route reads: the file's limit plus room for the form's other fields. */
export const UPLOAD_BODY_CAP = MAX_UPLOAD_BYTES + 256 * 1024;

/** What the page may be told after an upload; anything else in `?upload=` is ignored. */
export const UPLOAD_RESULTS = [
  "ok", "fileRequired", "fileEmpty", "fileTooLarge", "fileMarkup", "fileTypeNotAllowed", "checkFields", "generic",
  // The CSV import's (app/api/uploads/csv-import): no file, not a CSV, not one of the viewer's teams.
  "chooseFile", "notCsv", "unknownTeam",
  // Its commit's (app/api/uploads/csv-import/[stagedId]): the file has problems, or rows were imported meanwhile.
  "importHasErrors", "importedMeanwhile",
] as const;
export type UploadResultKey = (typeof UPLOAD_RESULTS)[number];
export function uploadResultOf(raw: unknown): UploadResultKey | null {
  return typeof raw === "string" && (UPLOAD_RESULTS as readonly string[]).includes(raw) ? (raw as UploadResultKey) : null;
}

export const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
const notFound = () => plain(404, "Not found");

export type CappedForm = { ok: true; form: FormData } | { ok: false; reason: "tooLarge" | "malformed" };

/**
 * Reads a multipart body of at most `cap` bytes. A declared Content-Length over the cap is
 * refused without reading; otherwise the bytes are counted as they arrive and reading stops
 * (the stream is cancelled) as soon as they pass the cap, whatever the header said.
 */
export async function readCappedForm(request: Request, cap: number = UPLOAD_BODY_CAP): Promise<CappedForm> {
  if (declaresTooMuch(request, cap)) return { ok: false, reason: "tooLarge" };
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(type) || !request.body) return { ok: false, reason: "malformed" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "tooLarge" };
    }
    chunks.push(value);
  }
  try {
    const form = await new Response(new Blob(chunks as BlobPart[]), { headers: { "Content-Type": type } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}

type UploadRouteBase = {
  /** For the log and the refusal audit row, e.g. "upload:evidence". */
  name: string;
  entityType: string;
  rawId: string;
  /** Permission and scope; throws (NOT_FOUND, FORBIDDEN, a ZodError for a malformed id) → 404. Returns the canonical id. */
  authorize: (viewer: Viewer, rawId: string) => Promise<string>;
  /** The page to go back to, without query or anchor. */
  page: (id: string) => string;
  anchor: string;
  /** The most bytes of body read; UPLOAD_BODY_CAP unless the route's files are smaller. */
  cap?: number;
  /** The messages namespace with `fileTooLarge` and `tooLargeBack` for the 413 answer; "evidence.errors" unless given. */
  tooLargeMessages?: string;
  revalidate: (id: string) => void;
};
type UploadRoute = UploadRouteBase & {
  /** Saves the file through the domain function (which checks everything again); may name the page to go to instead of `?upload=ok`. */
  save: (viewer: Viewer, id: string, form: FormData) => Promise<void | { location: string }>;
};
type StreamedUploadRoute = UploadRouteBase & {
  /** Saves the staged file through the domain function, which checks everything again and removes the `.part` whatever happens. */
  save: (viewer: Viewer, id: string, form: { fields: Record<string, string>; file: StagedUpload | null }) => Promise<void | { location: string }>;
};

export function see(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
function back(route: UploadRouteBase, id: string, result: UploadResultKey): Response {
  return see(`${route.page(id)}?upload=${result}#${route.anchor}`);
}

async function tooLarge(namespace = "evidence.errors"): Promise<Response> {
  const t = await getTranslations(namespace);
  return plain(413, `${t("fileTooLarge")} ${t("tooLargeBack")}`);
}

/** Same origin, session, permission and scope — before a byte of the body is read. The case or petition id, or the refusal. */
async function authorizeUpload(request: Request, route: UploadRouteBase): Promise<{ viewer: Viewer; id: string } | Response> {
  // A cross-site form post must not make a signed-in browser upload anything (S17).
  if (!isSameOrigin(request)) return plain(403, "Forbidden");
  const viewer = await getViewer();
  if (!viewer) return notFound();
  let id: string;
  try {
    id = await route.authorize(viewer, route.rawId);
  } catch (e) {
    if (e instanceof ZodError || (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN"))) {
      const code = isAppError(e) && e.code === "FORBIDDEN" ? "FORBIDDEN" : "NOT_FOUND";
      logger.warn({ action: route.name, code }, "upload refused");
      await recordRefusal(viewer, { target: route.name, code, entityType: route.entityType, entityId: route.rawId });
      return notFound();
    }
    throw e;
  }
  return { viewer, id };
}

async function saveAndAnswer(route: UploadRouteBase, id: string, save: () => Promise<void | { location: string }>): Promise<Response> {
  let saved: void | { location: string };
  try {
    saved = await save();
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID") {
      return back(route, id, uploadResultOf(e.fieldErrors?.file?.[0] ?? e.fieldErrors?.teamId?.[0]) ?? "checkFields");
    }
    if (e instanceof ZodError) return back(route, id, "checkFields");
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return notFound();
    logger.error({ action: route.name, err: e instanceof Error ? e.name : "unknown" }, "upload failed");
    return back(route, id, "generic");
  }
  route.revalidate(id);
  return saved ? see(saved.location) : back(route, id, "ok");
}

export async function handleUpload(request: Request, route: UploadRoute): Promise<Response> {
  const allowed = await authorizeUpload(request, route);
  if (allowed instanceof Response) return allowed;
  const { viewer, id } = allowed;
  const body = await readCappedForm(request, route.cap);
  if (!body.ok) {
    if (body.reason === "tooLarge") {
      logger.warn({ action: route.name }, "upload over the size cap refused");
      return tooLarge(route.tooLargeMessages);
    }
    return back(route, id, "checkFields");
  }
  return saveAndAnswer(route, id, () => route.save(viewer, id, body.form));
}

/** handleUpload for a file streamed to disk as it arrives (streamed-form.ts); the `.part` never outlives the request. */
export async function handleStreamedUpload(request: Request, route: StreamedUploadRoute): Promise<Response> {
  const allowed = await authorizeUpload(request, route);
  if (allowed instanceof Response) return allowed;
  const { viewer, id } = allowed;
  let body: StreamedForm;
  try {
    body = await readStreamedForm(request, route.cap ?? UPLOAD_BODY_CAP);
  } catch (e) {
    // Not the sender's fault (the disk): the `.part` is gone, the page says something went wrong.
    logger.error({ action: route.name, err: e instanceof Error ? e.name : "unknown" }, "upload could not be written");
    return back(route, id, "generic");
  }
  if (!body.ok) {
    // The body or the file alone passed its cap: reading stopped there, whichever came first.
    if (body.reason === "tooLarge" || body.reason === "fileTooLarge") {
      logger.warn({ action: route.name, reason: body.reason }, "upload over the size cap refused");
      return tooLarge(route.tooLargeMessages);
    }
    return back(route, id, "checkFields");
  }
  try {
    return await saveAndAnswer(route, id, () => route.save(viewer, id, body));
  } finally {
    // The domain function removes it already; this covers a route that failed before calling it.
    if (body.file) await removePartialFile(body.file.key).catch(() => {});
  }
}
