// The checked rows: key fields and, in words, what is wrong with each (colour is never the only cue).
import type { PreviewRow } from "../preview";

export function PreviewTable({ rows, labels }: { rows: PreviewRow[]; labels: Record<string, string> }) {
  return (
    <div className="mt-3 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
          <tr>
            <th scope="col" className="px-3 py-2">{labels.colLine}</th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">{labels.colRef}</th>
            <th scope="col" className="px-3 py-2">{labels.colName}</th>
            <th scope="col" className="hidden px-3 py-2 md:table-cell">{labels.colBorn}</th>
            <th scope="col" className="hidden px-3 py-2 md:table-cell">{labels.colStatus}</th>
            <th scope="col" className="hidden px-3 py-2 lg:table-cell">{labels.colFacility}</th>
            <th scope="col" className="px-3 py-2">{labels.colResult}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.line} className={r.problems.length ? "bg-red-50/50" : undefined}>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{r.line}</td>
              <td className="hidden break-all px-3 py-2 font-mono text-xs sm:table-cell">{r.caseRef}</td>
              <td className="break-words px-3 py-2">{r.name}</td>
              <td className="hidden whitespace-nowrap px-3 py-2 md:table-cell">{r.born}</td>
              <td className="hidden px-3 py-2 md:table-cell">{r.status}</td>
              <td className="hidden break-words px-3 py-2 lg:table-cell">{r.facility}</td>
              <td className="px-3 py-2">
                {r.problems.length > 0 ? (
                  <div className="text-red-800">
                    <span className="font-semibold">✕ {labels.rowProblems}</span>
                    <ul className="mt-1 list-disc space-y-0.5 pl-4">
                      {r.problems.map((p, i) => <li key={i} className="break-words">{p}</li>)}
                    </ul>
                  </div>
                ) : r.already ? (
                  <span className="text-stone-700">↺ {r.already}</span>
                ) : (
                  <span className="font-medium text-emerald-800">✓ {labels.rowOk}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
