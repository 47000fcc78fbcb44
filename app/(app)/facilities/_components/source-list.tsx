import { sourceLink } from "@/lib/domain/facility/source-links";

/** Source URLs as external links that pass on no referrer and no window handle. */
export function SourceList({ sources, emptyLabel }: { sources: string[]; emptyLabel: string }) {
  if (sources.length === 0) return <p className="text-sm text-stone-600">{emptyLabel}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {sources.map((raw, i) => {
        const link = sourceLink(raw);
        return (
          <li key={`${i}-${raw}`} className="break-all">
            {link.href ? (
              <a href={link.href} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">{link.label}</a>
            ) : (
              <span>{link.label}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
