"use server";
// The set-password page's two actions. Both are public by nature (the person has no password
// yet); the link's token is the credential, checked by lib/domain/user/sign-in-links.ts.
import { redirect } from "next/navigation";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { describeSignInLink, setPasswordWithLink } from "@/lib/domain/user/sign-in-links";

export type SignInLinkView = { email: string; displayName: string; expiresAt: string } | null;

/** Whose account a link opens, or null for a link that cannot be used (one answer for every reason). */
export async function describeSignInLinkAction(token: unknown): Promise<SignInLinkView> {
  const info = await describeSignInLink(token);
  return info ? { email: info.email, displayName: info.displayName, expiresAt: info.expiresAt.toISOString() } : null;
}

export async function setPasswordWithLinkAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("setPasswordWithLink", async () => {
    await setPasswordWithLink(formToObject(form));
  });
  if (result.ok) redirect("/login?passwordSet=1");
  return result;
}
