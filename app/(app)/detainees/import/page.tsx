import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listWritableTeams } from "@/lib/domain/detainee/queries";
import { IMPORT_COLUMNS } from "@/lib/domain/detainee/csv/columns";
import { ImportFlow } from "./_components/import-flow";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("csv.import"))("title") };
}

// Static labels the client flow shows; everything with numbers in it is translated by the actions.
const LABEL_KEYS = [
  "team", "file", "fileHint", "check", "checking", "checkingStatus", "previewTitle", "fileProblems", "colLine", "colRef",
  "colName", "colBorn", "colStatus", "colFacility", "colResult", "rowOk", "rowProblems", "committing", "committingStatus", "viewCases",
] as const;
const FORM_KEYS = ["generic", "checkFields", "invalid", "chooseFile", "fileTooLarge", "unknownTeam", "importHasErrors", "importedMeanwhile"] as const;

export default async function ImportDetaineesPage() {
  const viewer = await requireViewer();
  // Not discoverable without the permission (S8): the same 404 as a page that does not exist.
  if (!can(viewer, "detainee.import")) return refuseNotFound(viewer, { target: "/detainees/import", reason: "role" });
  const [teams, t, tc, tf] = await Promise.all([
    listWritableTeams(viewer), getTranslations("csv.import"), getTranslations("csv.columns"), getTranslations("csv.form"),
  ]);
  const labels = { ...Object.fromEntries(LABEL_KEYS.map((k) => [k, t(k)])), previewFor: t.raw("previewFor") as string };
  const messages = Object.fromEntries(FORM_KEYS.map((k) => [k, tf(k)]));
  return (
    <div className="max-w-5xl">
      <Link href="/detainees" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>

      <section aria-labelledby="steps-h" className="mt-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
        <h2 id="steps-h" className="font-semibold">{t("stepsTitle")}</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          <li>{t("step1")}</li>
          <li>{t("step2")}</li>
          <li>{t("step3")}</li>
        </ol>
        <p className="mt-3">
          <a href="/api/detainees/import-template" download className="inline-flex min-h-10 items-center rounded-md bg-white px-3 py-2 font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50">
            ↓ {t("template")}
          </a>
        </p>
        <p className="mt-3 text-stone-600">{t("reimport")}</p>
      </section>

      {teams.length === 0 ? (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("noTeams")}</p>
      ) : (
        <ImportFlow teams={teams} labels={labels} messages={messages} />
      )}

      <details className="mt-6 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
        <summary className="cursor-pointer font-semibold">{t("columnsTitle")}</summary>
        <p className="mt-2 text-stone-700">{t("columnsIntro")}</p>
        <dl className="mt-3 divide-y divide-stone-100">
          {IMPORT_COLUMNS.map((c) => (
            <div key={c} className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
              <dt className="break-all font-mono text-xs font-semibold">{c}</dt>
              <dd className="text-stone-700">{tc(c)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
