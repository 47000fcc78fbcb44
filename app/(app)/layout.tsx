// The signed-in shell. Not a security boundary: every page below checks the viewer itself.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { LocaleSwitch } from "@/components/locale-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const [t, app, roles] = await Promise.all([getTranslations("nav"), getTranslations("app"), getTranslations("roles")]);
  const links = [
    { href: "/", label: t("overview"), show: true },
    { href: "/detainees", label: t("detainees"), show: true },
    { href: "/facilities", label: t("facilities"), show: can(viewer, "facility.read") },
    { href: "/events", label: t("events"), show: can(viewer, "event.read") },
    { href: "/petitions", label: t("petitions"), show: can(viewer, "petition.read") },
    { href: "/admin/users", label: t("users"), show: can(viewer, "user.manage") },
    { href: "/admin/teams", label: t("teams"), show: can(viewer, "team.manage") },
  ].filter((l) => l.show);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {app("skipToContent")}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">{app("name")}</Link>
          <nav aria-label={t("mainNav")} className="flex flex-1 flex-wrap gap-1">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="rounded px-2 py-1 text-sm hover:bg-white/10">{l.label}</Link>
            ))}
          </nav>
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm opacity-90" data-testid="signed-in-as">
              {t("signedInAs", { name: viewer.displayName })} · {roles(viewer.role)}
            </span>
            <NotificationBell viewer={viewer} />
            <Link href="/account" className="rounded px-2 py-1 text-sm hover:bg-white/10">{t("account")}</Link>
            <LocaleSwitch />
            <SignOutButton label={t("signOut")} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
