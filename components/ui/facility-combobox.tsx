"use client";
// A searchable facility picker for list filters (ARIA 1.2 combobox with a listbox popup): the
// user types part of a name (English or local), the server answers with at most 20 matches from
// /api/facilities/options, and the chosen facility's id goes in a hidden field named `name`.
// With 2,000 facilities a plain <select> sent every one of them with every page.
import { useEffect, useId, useRef, useState } from "react";

type Option = { id: string; nameEn: string; nameLocal: string | null };

export function FacilityCombobox({ name, label, placeholder, noResults, anyLabel, selected, source = "/api/facilities/options", id: idProp, invalid, describedBy }: {
  name: string; label: string; placeholder: string; noResults: string;
  /** The first choice, meaning "no facility" (a filter's "all facilities"); null: a facility must be chosen. */
  anyLabel: string | null;
  selected: Option | null; source?: string; id?: string; invalid?: boolean; describedBy?: string;
}) {
  const generated = useId();
  const id = idProp ?? generated;
  const first = anyLabel === null ? 0 : 1; // index of the first facility in the popup
  const [value, setValue] = useState<Option | null>(selected);
  const [text, setText] = useState(selected?.nameEn ?? "");
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loaded, setLoaded] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const n = ++request.current;
    const timer = setTimeout(async () => {
      try {
        const url = new URL(source, window.location.origin);
        url.searchParams.set("q", text === value?.nameEn ? "" : text);
        const res = await fetch(url, { headers: { accept: "application/json" } });
        if (!res.ok || n !== request.current) return;
        const body = (await res.json()) as { options: Option[] };
        setOptions(body.options);
        setLoaded(true);
        setActive(-1);
      } catch {
        // Offline or signed out: the field keeps what was typed; the list stays as it was.
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [text, open, source, value]);

  const choose = (o: Option | null) => {
    setValue(o);
    setText(o?.nameEn ?? "");
    setOpen(false);
  };
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className="relative space-y-1 self-start">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium">{label}</label>
      <input type="hidden" name={name} value={value?.id ?? ""} />
      <input
        id={`${id}-input`} type="text" role="combobox" autoComplete="off" placeholder={placeholder}
        aria-invalid={invalid || undefined} aria-describedby={describedBy}
        aria-autocomplete="list" aria-expanded={open} aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        value={text}
        className="block w-full min-h-10 rounded-md border-0 px-3 py-2 text-stone-900 ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-inset focus:ring-brand-700"
        onChange={(e) => { setText(e.target.value); setOpen(true); if (e.target.value === "") setValue(null); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          const count = options.length + first;
          if (count === 0) return;
          if (e.key === "ArrowDown") { e.preventDefault(); setOpen(true); setActive((a) => (a + 1) % count); }
          else if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => (a <= 0 ? count - 1 : a - 1)); }
          else if (e.key === "Enter" && open && active >= 0) { e.preventDefault(); choose(active < first ? null : options[active - first]!); }
          else if (e.key === "Escape") { setOpen(false); }
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label={label} className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-stone-300">
          {anyLabel !== null ? (
            <li id={optionId(0)} role="option" aria-selected={value === null} onMouseDown={(e) => { e.preventDefault(); choose(null); }}
              className={`cursor-pointer px-3 py-2 ${active === 0 ? "bg-brand-50" : ""}`}>{anyLabel}</li>
          ) : null}
          {options.map((o, i) => (
            <li key={o.id} id={optionId(i + first)} role="option" aria-selected={value?.id === o.id} data-facility-id={o.id}
              onMouseDown={(e) => { e.preventDefault(); choose(o); }}
              className={`cursor-pointer px-3 py-2 ${active === i + first ? "bg-brand-50" : ""}`}>
              {o.nameEn}{o.nameLocal ? <span className="ml-2 text-stone-600">{o.nameLocal}</span> : null}
            </li>
          ))}
          {loaded && options.length === 0 ? <li role="presentation" className="px-3 py-2 text-stone-600">{noResults}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
