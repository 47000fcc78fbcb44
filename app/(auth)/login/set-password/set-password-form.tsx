"use client";
// Reads the link's token from the URL fragment (never sent to a server, so never in a log),
// removes it from the address bar and history at once, asks the server whose account it opens,
// then shows the new-password form — or says plainly that the link cannot be used.
import { useEffect, useState } from "react";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import { describeSignInLinkAction, setPasswordWithLinkAction, type SignInLinkView } from "./actions";

const STORAGE_KEY = "haven.signInLink";

type Labels = {
  checking: string; invalid: string; invalidHint: string; forAccount: string; expires: string;
  newPassword: string; confirmPassword: string; passwordHint: string; submit: string;
};

type State = { step: "checking" } | { step: "invalid" } | { step: "ready"; token: string; link: NonNullable<SignInLinkView> };

export function SetPasswordForm({ labels, messages, locale }: { labels: Labels; messages: Record<string, string>; locale: string }) {
  const [state, setState] = useState<State>({ step: "checking" });
  useEffect(() => {
    let live = true;
    const check = () => {
      // Kept for this tab only, so a reload or a change of language does not lose the link.
      const fromUrl = window.location.hash.slice(1);
      if (fromUrl) {
        window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
        window.history.replaceState(null, "", window.location.pathname);
      }
      const token = fromUrl || window.sessionStorage.getItem(STORAGE_KEY) || "";
      setState({ step: "checking" });
      (token ? describeSignInLinkAction(token) : Promise.resolve(null))
        .then((link) => {
          if (!link) window.sessionStorage.removeItem(STORAGE_KEY);
          if (live) setState(link ? { step: "ready", token, link } : { step: "invalid" });
        })
        .catch(() => { if (live) setState({ step: "invalid" }); });
    };
    check();
    // A second link opened in the same tab changes only the fragment: check that one too.
    window.addEventListener("hashchange", check);
    return () => { live = false; window.removeEventListener("hashchange", check); };
  }, []);

  if (state.step === "checking") return <p className="mt-6 text-sm text-stone-600" role="status">{labels.checking}</p>;
  if (state.step === "invalid") {
    return (
      <div role="alert" className="mt-6 rounded-md bg-red-50 px-3 py-3 text-sm text-red-800" data-testid="link-invalid">
        <p className="font-semibold">{labels.invalid}</p>
        <p className="mt-1">{labels.invalidHint}</p>
      </div>
    );
  }
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(state.link.expiresAt));
  return (
    <div className="mt-6 space-y-4">
      <p className="text-sm text-stone-700" data-testid="link-account">
        {labels.forAccount.replace("{name}", state.link.displayName).replace("{email}", state.link.email)}
        <br />
        <span className="text-stone-500">{labels.expires.replace("{date}", expires)}</span>
      </p>
      <ActionForm action={setPasswordWithLinkAction} messages={messages} submitLabel={labels.submit}>
        <input type="hidden" name="token" value={state.token} />
        {/* Lets password managers file the new password under the right account (no name: not submitted). */}
        <input type="text" className="hidden" aria-hidden="true" tabIndex={-1} autoComplete="username" value={state.link.email} readOnly />
        <TextField name="newPassword" id="new-password" type="password" label={labels.newPassword} hint={labels.passwordHint} autoComplete="new-password" minLength={12} maxLength={128} required autoFocus />
        <TextField name="confirmPassword" id="confirm-password" type="password" label={labels.confirmPassword} autoComplete="new-password" maxLength={128} required />
      </ActionForm>
    </div>
  );
}
