import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/lib/auth/session";
import { LocaleSwitch } from "@/components/locale-switch";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getViewer()) redirect("/");
  const [t, app, account, link, params] = await Promise.all([getTranslations("login"), getTranslations("app"), getTranslations("account"), getTranslations("signInLink"), searchParams]);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between bg-brand-900 px-4 py-3 text-white">
        <span className="text-lg font-semibold">{app("name")}</span>
        <LocaleSwitch />
      </header>
      <main className="mx-auto w-full max-w-sm flex-1 px-4 py-12">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{app("tagline")}</p>
        {params.passwordChanged ? <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{account("passwordChanged")}</p> : null}
        {params.passwordSet ? <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{link("passwordSet")}</p> : null}
        <LoginForm
          labels={{ email: t("email"), password: t("password"), submit: t("submit"), submitting: t("submitting"), failed: t("failed"), error: t("error"), throttled: t("throttled", { time: "{time}" }) }}
          initialError={typeof params.error === "string" ? params.error : params.error ? "CredentialsSignin" : null}
        />
      </main>
    </div>
  );
}
