import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listUsers } from "@/lib/domain/user/queries";
import { requireAdmin } from "../require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  const viewer = await requireAdmin();
  const [users, t, roles, format, params, security, audit] = await Promise.all([
    listUsers(viewer), getTranslations("admin"), getTranslations("roles"), getFormatter(), searchParams, getTranslations("adminSecurity"), getTranslations("auditLog"),
  ]);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("usersTitle")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/admin/users/security" className="text-sm text-brand-700 underline">{security("link")}</Link>
          <Link href="/admin/audit" className="text-sm text-brand-700 underline">{audit("nav")}</Link>
          <Link href="/admin/users/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{t("newUser")}</Link>
        </div>
      </div>
      {params.created ? <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("created")}</p> : null}
      <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
        <table className="min-w-full divide-y divide-stone-200 text-sm">
          <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
            <tr>
              <th scope="col" className="px-3 py-2">{t("displayName")}</th>
              <th scope="col" className="px-3 py-2">{t("role")}</th>
              <th scope="col" className="hidden px-3 py-2 md:table-cell">{t("teams")}</th>
              <th scope="col" className="px-3 py-2">{t("state")}</th>
              <th scope="col" className="hidden px-3 py-2 sm:table-cell">{t("lastLogin")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2">
                  <Link href={`/admin/users/${u.id}`} className="font-medium text-brand-700 underline">{u.displayName}</Link>
                  <div className="text-xs text-stone-600">{u.email}</div>
                </td>
                <td className="px-3 py-2">{roles(u.role)}</td>
                <td className="hidden px-3 py-2 md:table-cell">{u.memberships.map((m) => m.team.name).join(", ") || t("noTeams")}</td>
                <td className="px-3 py-2">{u.disabledAt ? <span className="font-medium text-red-800">{t("disabled")}</span> : t("active")}</td>
                <td className="hidden px-3 py-2 text-stone-600 sm:table-cell">{u.lastLoginAt ? format.dateTime(u.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
