"use client";
// A form bound to a server action through useActionState: works without JavaScript (plain
// POST), shows the action's message and each field's errors, and keeps what was typed.
import { useActionState, createContext, useContext, startTransition } from "react";
import type { ActionResult } from "@/lib/errors";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
const ErrorsContext = createContext<{ fieldErrors?: Record<string, string[]>; messages: Record<string, string> }>({ messages: {} });

export function ActionForm({
  action, children, messages, successMessage, submitLabel, className = "space-y-4", submitVariant = "primary",
}: {
  action: Action; children: React.ReactNode; messages: Record<string, string>; successMessage?: string; submitLabel: string;
  className?: string; submitVariant?: "primary" | "danger" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const message = state && !state.ok ? messages[state.message ?? "generic"] ?? state.message ?? messages.generic : null;
  const buttonClass = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "bg-white ring-1 ring-inset ring-stone-300 hover:bg-stone-50",
  }[submitVariant];
  return (
    <ErrorsContext.Provider value={{ fieldErrors: state && !state.ok ? state.fieldErrors : undefined, messages }}>
      <form
        action={formAction}
        // With JavaScript, submit without React's automatic form reset, so a rejected form keeps
        // everything the person typed; without JavaScript the action attribute posts as usual.
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        className={className}
      >
        {children}
        {message ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p> : null}
        {state && !state.ok && state.conflict ? (
          <div className="rounded-md border border-red-300 bg-white px-3 py-2 text-sm" data-testid="conflict">
            <p className="font-medium">
              {(messages.conflictBy ?? "{name}").replace("{name}", state.conflict.changedBy ?? "—")} · {new Date(state.conflict.changedAt).toLocaleString()}
            </p>
            {state.conflict.changes.length ? (
              <dl className="mt-1 grid gap-x-3 sm:grid-cols-[auto_1fr]">
                {state.conflict.changes.map((c) => (
                  <div key={c.field} className="contents">
                    <dt className="text-stone-600">{messages[`field.${c.field}`] ?? c.field}</dt>
                    <dd className="whitespace-pre-line">{c.value || "—"}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </div>
        ) : null}
        {state?.ok && successMessage ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{successMessage}</p> : null}
        <button type="submit" disabled={pending} aria-busy={pending} className={`min-h-10 rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${buttonClass}`}>
          {submitLabel}
        </button>
      </form>
    </ErrorsContext.Provider>
  );
}

/** Errors for one field, translated; render under the input and point aria-describedby at it. */
export function FieldError({ name, id }: { name: string; id: string }) {
  const { fieldErrors, messages } = useContext(ErrorsContext);
  const errors = fieldErrors?.[name];
  if (!errors?.length) return null;
  // One sentence per kind of problem: three bad lines of a list say "enter web addresses" once.
  return <p id={id} className="text-sm text-red-700">{[...new Set(errors.map((e) => messages[e] ?? messages.invalid))].join(" ")}</p>;
}

export function useFieldInvalid(name: string): boolean {
  const { fieldErrors } = useContext(ErrorsContext);
  return Boolean(fieldErrors?.[name]?.length);
}
