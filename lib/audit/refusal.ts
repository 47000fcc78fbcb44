import "server-only";
// Authorization failures in the audit log (S19): a signed-in person asking for what they may not
// see or do — another team's case by id, an admin page, an action their role lacks — leaves an
// "access.refused" row with what was asked for (a route pattern or action name and the record
// id, never free input) and why. The answer stays a plain 404 (nothing to learn); the row is for
// the administrators reviewing /admin/audit. Recording never turns a refusal into an error.
import { notFound } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAudit } from "./record";

export const REFUSAL_ACTION = "access.refused";

export type Refusal = {
  /** A route pattern ("/detainees/[detaineeId]") or a server action's name: never a raw URL. */
  target: string;
  code: "NOT_FOUND" | "FORBIDDEN";
  entityType?: string;
  entityId?: unknown;
  reason?: string;
};

const ID = /^[A-Za-z0-9_-]{1,40}$/;

export async function recordRefusal(viewer: Viewer, r: Refusal): Promise<void> {
  const entityId = typeof r.entityId === "string" && ID.test(r.entityId) ? r.entityId : undefined;
  try {
    await prisma().$transaction((tx) => recordAudit(tx, viewer, {
      action: REFUSAL_ACTION,
      entityType: r.entityType,
      entityId,
      meta: { target: r.target.slice(0, 120), code: r.code, ...(r.reason ? { reason: r.reason.slice(0, 60) } : {}) },
    }));
  } catch (e) {
    logger.warn({ err: e instanceof Error ? e.name : "unknown", target: r.target }, "refusal audit failed");
  }
}

/** Records the refusal, then answers 404 like any unknown page. */
export async function refuseNotFound(viewer: Viewer, r: Omit<Refusal, "code">): Promise<never> {
  await recordRefusal(viewer, { ...r, code: "NOT_FOUND" });
  notFound();
}
