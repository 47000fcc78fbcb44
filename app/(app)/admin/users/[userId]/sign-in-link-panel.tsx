"use client";
// Makes a sign-in link and shows it once, with a copy button. The token never comes back from
// the server again: only its hash is stored (lib/security/tokens.ts).
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { SIGN_IN_LINK_PATH } from "@/lib/auth/sign-in-link-path";

type Result = ActionResult<{ token: string; expiresAt: string }>;
type Labels = { create: string; created: string; copy: string; copied: string; handOver: string };

export function SignInLinkPanel({ userId, name, locale, labels, messages, action }: {
  userId: string; name: string; locale: string; labels: Labels; messages: Record<string, string>;
  action: (prev: Result | null, form: FormData) => Promise<Result>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [copied, setCopied] = useState(false);
  const link = state?.ok && state.data ? `${window.location.origin}${SIGN_IN_LINK_PATH}#${state.data.token}` : null;
  const error = state && !state.ok ? messages[state.message ?? "generic"] ?? messages.generic : null;
  return (
    <div>
      <form action={formAction} onSubmit={() => setCopied(false)}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" disabled={pending} aria-busy={pending} className="min-h-10 rounded-md bg-white px-4 py-2 text-sm font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50 disabled:opacity-60">
          {labels.create}
        </button>
      </form>
      {error ? <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      {link && state?.ok && state.data ? (
        <div role="status" className="mt-3 space-y-2 rounded-md bg-emerald-50 px-3 py-3 text-sm text-emerald-950 ring-1 ring-emerald-200">
          <p className="font-semibold">{labels.created}</p>
          <div className="flex gap-2">
            <input readOnly value={link} aria-label={labels.created} data-testid="sign-in-link" onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-2 py-1.5 font-mono text-xs" />
            <button type="button" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
              onClick={() => { void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false)); }}>
              {copied ? labels.copied : labels.copy}
            </button>
          </div>
          <p>{labels.handOver.replace("{name}", name).replace("{date}", new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(state.data.expiresAt)))}</p>
        </div>
      ) : null}
    </div>
  );
}
