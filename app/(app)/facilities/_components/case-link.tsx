import Link from "next/link";

type CaseName = { id: string; caseNumber: string; nameHangul: string | null; familyNameRoman: string | null; givenNameRoman: string | null };

/** A case as "HV-2026-0042 김옥화 · Kim Ok-hwa", linking to the case page. */
export function CaseLink({ d }: { d: CaseName }) {
  const roman = [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ");
  return (
    <Link href={`/detainees/${d.id}`} className="hover:underline">
      <span className="font-mono text-xs text-brand-700 underline">{d.caseNumber}</span>{" "}
      {d.nameHangul ? <span lang="ko" className="font-medium">{d.nameHangul}</span> : null}
      {d.nameHangul && roman ? " · " : null}
      {roman}
    </Link>
  );
}
