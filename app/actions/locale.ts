"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { setOwnLocale } from "@/lib/domain/user/mutations";
import { isLocale, LOCALE_COOKIE } from "@/i18n/locale";

/** The language switch: remembered in a cookie, and on the user's account when signed in. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  const viewer = await getViewer();
  if (viewer) await setOwnLocale(viewer, locale);
  revalidatePath("/", "layout");
}
