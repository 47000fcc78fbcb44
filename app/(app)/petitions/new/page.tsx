// Start a petition from a case (one person) or from a facility (the viewer's clients held there,
// for a joint appeal). Everything shown comes through scoped queries; the action re-checks all.
import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDetainee } from "@/lib/domain/detainee/queries";
import { getFacility, listFacilityDetainees } from "@/lib/domain/facility/queries";
import { getTemplate } from "@/lib/domain/petitions/templates/index";
import { PETITION_KINDS } from "@/lib/domain/petitions/schemas";
import { idSchema } from "@/lib/domain/schemas-common";
import { ActionForm } from "@/components/action-form";
import { formErrorMessages } from "@/components/form-messages";
import { firstParam } from "@/components/ui/list-page";
import { createPetitionAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("petitionUi"))("newTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Person = { id: string; caseNumber: string; name: string };

const nameOf = (d: { caseNumber: string; nameHangul: string | null; familyNameRoman: string | null; givenNameRoman: string | null }) =>
  [d.nameHangul, [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ")].filter(Boolean).join(" · ") || d.caseNumber;

export default async function NewPetitionPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "petition.draft")) return refuseNotFound(viewer, { target: "/petitions/new", reason: "role" });
  const raw = await searchParams;
  const detaineeId = idSchema.safeParse(firstParam(raw.detaineeId));
  const facilityId = idSchema.safeParse(firstParam(raw.facilityId));
  let people: Person[] = [];
  let back: { href: string; label: string } | null = null;
  if (detaineeId.success) {
    const d = await getDetainee(viewer, detaineeId.data);
    if (!d) notFound();
    people = [{ id: d.id, caseNumber: d.caseNumber, name: nameOf(d) }];
    back = { href: `/detainees/${d.id}`, label: d.caseNumber };
  } else if (facilityId.success) {
    const f = await getFacility(viewer, facilityId.data);
    if (!f) notFound();
    const held = await listFacilityDetainees(viewer, f.id);
    people = held.current.map((c) => ({ id: c.id, caseNumber: c.caseNumber, name: nameOf(c) }));
    back = { href: `/facilities/${f.id}`, label: f.nameEn };
  }
  const [t, tk, tAll, messages] = await Promise.all([getTranslations("petitionUi"), getTranslations("petitionKinds"), getTranslations(), formErrorMessages()]);
  const kinds = PETITION_KINDS.map((k) => ({ kind: k, template: getTemplate(k) }))
    .filter(({ template }) => (people.length === 0 ? template.minDetainees === 0 : (template.maxDetainees ?? Infinity) >= 1));
  return (
    <div className="max-w-3xl">
      {back ? <Link href={back.href} className="text-sm text-brand-700 underline">← {back.label}</Link> : <Link href="/petitions" className="text-sm text-brand-700 underline">← {t("back")}</Link>}
      <h1 className="mt-3 text-2xl font-semibold">{t("newTitle")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("newIntro")}</p>
      <ActionForm action={createPetitionAction} messages={{ ...messages, count: t("choosePeopleHint") }} submitLabel={t("createSubmit")} className="mt-6 space-y-6">
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("chooseKind")}</legend>
          {kinds.map(({ kind, template }, i) => (
            <label key={kind} className={`flex items-start gap-2 rounded-md p-2 ring-1 ring-inset ring-stone-200 ${template.unavailableKey ? "opacity-60" : "hover:bg-stone-50"}`}>
              <input type="radio" name="kind" value={kind} defaultChecked={i === 0} disabled={!!template.unavailableKey} className="mt-1" />
              <span>
                <span className="font-medium">{tk(kind)}</span>
                {template.unavailableKey ? <span className="block text-xs text-stone-600">{t("unavailable")}: {tAll(template.unavailableKey as never)}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
        {people.length ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">{t("choosePeople")}</legend>
            <p className="text-xs text-stone-600">{t("choosePeopleHint")}</p>
            {people.map((p) => (
              <label key={p.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="detaineeIds" value={p.id} defaultChecked />
                <span>{p.name}</span> <span className="font-mono text-xs text-stone-600">{p.caseNumber}</span>
              </label>
            ))}
          </fieldset>
        ) : facilityId.success ? <p className="text-sm text-stone-600">{t("noPeopleHere")}</p> : null}
      </ActionForm>
    </div>
  );
}
