"use client";
import { FieldError, useFieldInvalid } from "./action-form";
import { FacilityCombobox } from "./ui/facility-combobox";

const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

export function TextField({ name, label, hint, id: idProp, ...rest }: { name: string; label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const invalid = useFieldInvalid(name);
  const id = idProp ?? `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input id={id} name={name} aria-invalid={invalid || undefined} aria-describedby={`${id}-hint ${id}-error`} className={inputClass} {...rest} />
      {hint ? <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p> : null}
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}

export function SelectField({ name, label, options, defaultValue, id: idProp }: { name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string; id?: string }) {
  const invalid = useFieldInvalid(name);
  const id = idProp ?? `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={invalid || undefined} aria-describedby={`${id}-error`} className={inputClass}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}

export function CheckboxGroup({ name, legend, options, defaultValues = [] }: { name: string; legend: string; options: { value: string; label: string }[]; defaultValues?: string[] }) {
  const id = `f-${name}`;
  return (
    <fieldset className="space-y-1" aria-describedby={`${id}-error`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-8 items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} className="size-4" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError name={name} id={`${id}-error`} />
    </fieldset>
  );
}

export function TextAreaField({ name, label, hint, id: idProp, ...rest }: { name: string; label: string; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const invalid = useFieldInvalid(name);
  const id = idProp ?? `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <textarea id={id} name={name} rows={4} aria-invalid={invalid || undefined} aria-describedby={`${id}-hint ${id}-error`} className={inputClass} {...rest} />
      {hint ? <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p> : null}
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}

export function CheckboxField({ name, label, id: idProp, defaultChecked }: { name: string; label: string; id?: string; defaultChecked?: boolean }) {
  const id = idProp ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="inline-flex min-h-8 items-center gap-2 text-sm font-medium">
        <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} className="size-4" />
        {label}
      </label>
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}

/** A required facility, chosen by typing part of its name (the registry is too large for a select). */
export function FacilityField({ name, label, placeholder, noResults, id: idProp }: { name: string; label: string; placeholder: string; noResults: string; id?: string }) {
  const invalid = useFieldInvalid(name);
  const id = idProp ?? `f-${name}`;
  return (
    <div>
      <FacilityCombobox id={id} name={name} label={label} placeholder={placeholder} noResults={noResults} anyLabel={null} selected={null}
        source="/api/facilities/options?all=1" invalid={invalid} describedBy={`${id}-error`} />
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}
