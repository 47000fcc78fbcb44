import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline"), robots: { index: false, follow: false } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next stamps this request's CSP nonce (set by proxy.ts) on
  // its scripts, and a page prerendered at build time would carry scripts the policy blocks (S15).
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-stone-50 text-stone-900 antialiased">{children}</body>
    </html>
  );
}
