"use server";
// The second step of sign-in. These run for a session that has only passed the password, so
// they use getPendingSession (never getViewer) and can do nothing but finish that step.
import { redirect } from "next/navigation";
import { getPendingSession } from "@/lib/auth/session";
import { completeSignInCode } from "@/lib/auth/pending";
import { confirmTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";

export async function verifySignInCodeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const pending = await getPendingSession();
  if (!pending) return { ok: false, message: "sessionEnded" };
  const result = await completeSignInCode(pending, form.get("code"));
  if (result === "ok") redirect("/");
  return { ok: false, message: result === "locked" ? "tooManyAttempts" : "wrongCode" };
}

export async function confirmSignInEnrolmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const pending = await getPendingSession();
  if (!pending || pending.step !== "enrolment") return { ok: false, message: "sessionEnded" };
  const result = await runAction("confirmSignInEnrolment", () =>
    confirmTotpEnrolment({ userId: pending.userId, email: pending.email, sessionId: pending.sessionId, actor: { system: "auth" } }, form.get("code")),
  );
  if (result.ok && result.data) redirect("/");
  return result.ok ? { ok: false, message: "wrongCode" } : result;
}
