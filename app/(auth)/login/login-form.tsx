"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";

type Labels = { email: string; password: string; submit: string; submitting: string; failed: string; error: string };

export function LoginForm({ labels, initialError }: { labels: Labels; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (result?.ok && !result.error) {
        // A full page load, not a client navigation: every server component (layout, locale)
        // must render afresh under the new session. The two-factor page sends a session that
        // needs no code straight on to the cases.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/login/two-factor");
        return;
      }
      setError(result?.status === 401 || result?.error === "CredentialsSignin" ? labels.failed : labels.error);
    } catch {
      setError(labels.error);
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-8 space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium">{labels.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required
          aria-describedby={error ? "login-error" : undefined}
          className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2" />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={512}
          aria-describedby={error ? "login-error" : undefined}
          className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2" />
      </div>
      {error ? <p id="login-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:bg-stone-400">
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
