"use server";
// Own-account security actions: parse → domain call → revalidate/redirect. Each re-reads the
// viewer itself; the sensitive ones are refused without a fresh re-authentication (S7).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { reauthenticate, safeNextPath } from "@/lib/auth/reauth";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { changeOwnPassword, revokeOwnSession } from "@/lib/domain/user/security-account";
import { confirmTotpEnrolment, removeOwnTwoFactor } from "@/lib/domain/user/security-enrolment";

export async function revokeSessionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("revokeSession", async () => {
    const viewer = await requireActionViewer();
    await revokeOwnSession(viewer, formToObject(form));
    revalidatePath("/account");
  });
}

export async function reauthAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("reauth", async () => {
    const viewer = await requireActionViewer();
    return reauthenticate(viewer, { password: form.get("password"), code: form.get("code") ?? undefined });
  });
  if (!result.ok) return result;
  if (result.data === "ok") redirect(safeNextPath(form.get("next")));
  return { ok: false, message: result.data === "locked" ? "tooManyAttempts" : "wrongPassword" };
}

export async function changePasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("changePassword", async () => {
    const viewer = await requireActionViewer();
    await changeOwnPassword(viewer, formToObject(form));
  }, { reauthNext: "/account/password" });
  // Every session, this one included, has ended: sign in again with the new password.
  if (result.ok) redirect("/login?passwordChanged=1");
  return result;
}

export async function confirmEnrolmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("confirmEnrolment", async () => {
    const viewer = await requireActionViewer();
    return confirmTotpEnrolment({ userId: viewer.id, email: viewer.email, sessionId: viewer.sessionId, actor: viewer }, form.get("code"));
  }, { reauthNext: "/account/two-factor" });
  if (!result.ok) return result;
  if (!result.data) return { ok: false, message: "wrongCode" };
  revalidatePath("/account");
  redirect("/account/two-factor?enrolled=1");
}

export async function removeTwoFactorAction(_prev: ActionResult | null): Promise<ActionResult> {
  const result = await runAction("removeTwoFactor", async () => {
    const viewer = await requireActionViewer();
    await removeOwnTwoFactor({ userId: viewer.id, email: viewer.email, sessionId: viewer.sessionId, actor: viewer });
  }, { reauthNext: "/account/two-factor" });
  if (result.ok) redirect("/account/two-factor?removed=1");
  return result;
}
