"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { parseSignInThrottled } from "@/lib/auth/sign-in-throttled";

/** `throttled` holds "{time}", replaced with the retry time in the browser's own time zone. */
type Labels = { email: string; password: string; submit: string; submitting: string; failed: string; error: string; throttled: string };

/** The message for an error from next-auth: when to try again (S2), the one answer for bad credentials (S3), or "not available". */
function errorMessage(labels: Labels, error: string | null | undefined, status?: number): string {
  const retryAt = parseSignInThrottled(error);
  if (retryAt) return labels.throttled.replace("{time}", retryAt.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
  return status === 401 || error === "CredentialsSignin" ? labels.failed : labels.error;
}

export function LoginForm({ labels, initialError }: { labels: Labels; initialError: string | null }) {
  const [error, setError] = useState<string | null>(() => (initialError === null ? null : typeof document === "undefined" ? labels.failed : errorMessage(labels, initialError, 401)));
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
      setError(errorMessage(labels, result?.error, result?.status));
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
      {/* The retry time is formatted in the browser's time zone, so it may differ from the server's render. */}
      {error ? <p id="login-error" role="alert" suppressHydrationWarning className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:bg-stone-400">
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
