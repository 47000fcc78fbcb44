import "server-only";
// The wrapper every server action runs its work through: only AppError messages and zod field
// errors reach the browser; anything else is logged (without input values) and shown as a
// generic error, so no stack trace or SQL ever leaks (S12).
import { redirect } from "next/navigation";
import { ZodError, z } from "zod";
import { reauthPath } from "./auth/reauth";
import { AppError, isAppError, ReauthRequiredError, type ActionResult } from "./errors";
import { logger } from "./logger";

/**
 * A signed-in person's refused action goes into the audit log (S19). The viewer is looked up
 * here (cached for the request) rather than passed in, so no action can forget it; outside a
 * request (tests, scripts) there is no viewer and nothing to record.
 */
async function auditRefusedAction(name: string, code: "NOT_FOUND" | "FORBIDDEN", message: string): Promise<void> {
  try {
    const [{ getViewer }, { recordRefusal }] = await Promise.all([import("@/lib/auth/session"), import("@/lib/audit/refusal")]);
    const viewer = await getViewer();
    if (viewer) await recordRefusal(viewer, { target: `action:${name}`, code, reason: message === "reauthRequired" ? "reauthRequired" : undefined });
  } catch {
    /* no request scope: nothing to attribute the refusal to */
  }
}

export type RunActionOptions = {
  /**
   * Where the person was (a same-site path): a ReauthRequiredError from the domain becomes a
   * redirect to /account/reauth?next=<this> instead of an error message (S7). Only safe paths
   * survive (safeNextPath); anything else falls back to /account.
   */
  reauthNext?: string;
};

export async function runAction<T>(name: string, work: () => Promise<T>, options: RunActionOptions = {}): Promise<ActionResult<T>> {
  try {
    const data = await work();
    return { ok: true, data };
  } catch (e) {
    if (isAppError(e) && "changes" in e && Array.isArray(e.changes)) {
      const c = e as AppError & { changedBy: string | null; changedAt: Date; changes: { field: string; value: string }[] };
      return { ok: false, message: e.message, conflict: { changedBy: c.changedBy, changedAt: c.changedAt.toISOString(), changes: c.changes } };
    }
    if (isAppError(e)) {
      if (e.code === "UNAUTHENTICATED" || e.code === "NOT_FOUND" || e.code === "FORBIDDEN") logger.warn({ action: name, code: e.code }, "action refused");
      if (e.code === "NOT_FOUND" || e.code === "FORBIDDEN") await auditRefusedAction(name, e.code, e.message);
      if (e instanceof ReauthRequiredError && options.reauthNext !== undefined) redirect(reauthPath(options.reauthNext));
      // With field errors, the (translated) messages under the fields say it all; the English
      // sentence is kept for errors that belong to no field.
      return e.fieldErrors ? { ok: false, message: "checkFields", fieldErrors: e.fieldErrors } : { ok: false, message: e.message };
    }
    if (e instanceof ZodError) {
      return { ok: false, message: "checkFields", fieldErrors: z.flattenError(e).fieldErrors as Record<string, string[]> };
    }
    // Next's redirect()/notFound() are thrown as control flow: let them through.
    if (e && typeof e === "object" && "digest" in e && typeof (e as { digest: unknown }).digest === "string" && (e as { digest: string }).digest.startsWith("NEXT_")) throw e;
    logger.error({ action: name, err: e instanceof Error ? e.name : "unknown" }, "action failed");
    if (process.env.NODE_ENV !== "production") console.error(e);
    return { ok: false, message: "generic" };
  }
}

/** FormData → plain object for zod: repeated keys become arrays only where listed. */
export function formToObject(form: FormData, arrayKeys: readonly string[] = []): Record<string, unknown> {
  // A hand-made request can call an action with anything in place of the form (a plain no-JS
  // post to a useActionState action passes the form as the first argument and nothing second).
  if (!((form as unknown) instanceof FormData)) throw new AppError("INVALID", "generic");
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrayKeys.includes(key) ? values : values[0];
  }
  for (const key of arrayKeys) out[key] ??= [];
  return out;
}
