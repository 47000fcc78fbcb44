import type { InputHTMLAttributes, ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

/** A labelled input whose errors are announced with it (aria-describedby). */
export function Field({
  label, name, errors, hint, children, ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[]; hint?: string; children?: ReactNode }) {
  const id = input.id ?? `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{label}</label>
      {children ?? <input id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} className={inputClass} {...input} />}
      {hint ? <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p> : null}
      {errors?.length ? <p id={`${id}-error`} className="text-sm text-red-700">{errors.join(" ")}</p> : null}
    </div>
  );
}
