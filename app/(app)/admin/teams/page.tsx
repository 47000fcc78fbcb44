import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listTeams } from "@/lib/domain/team/queries";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import { createTeamAction } from "../actions";
import { formErrorMessages } from "@/components/form-messages";
import { requireAdmin } from "../require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("teamsTitle") };
}

export default async function TeamsPage() {
  const viewer = await requireAdmin();
  const [teams, t, messages] = await Promise.all([listTeams(viewer), getTranslations("admin"), formErrorMessages()]);
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="text-2xl font-semibold">{t("teamsTitle")}</h1>
        <ul className="mt-4 divide-y divide-stone-100 rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          {teams.map((team) => (
            <li key={team.id} className="flex flex-wrap justify-between gap-2 px-4 py-3">
              <Link href={`/admin/teams/${team.id}`} className="font-medium text-brand-700 underline">{team.name}</Link>
              <span className="text-sm text-stone-600">{t("members")}: {team._count.memberships} · {t("cases")}: {team._count.detainees}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-team-h" className="self-start rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="new-team-h" className="mb-3 text-lg font-semibold">{t("newTeam")}</h2>
        <ActionForm action={createTeamAction} messages={messages} submitLabel={t("createTeam")} successMessage={t("teamCreated")}>
          <TextField name="name" label={t("teamName")} required maxLength={80} />
        </ActionForm>
      </section>
    </div>
  );
}
