import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE, pickLocale } from "./locale";
import { loadMessages } from "./messages";

export default getRequestConfig(async () => {
  const [viewer, cookieStore, h] = await Promise.all([getViewer(), cookies(), headers()]);
  const locale = pickLocale({
    userLocale: viewer?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: h.get("accept-language"),
  });
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: process.env.HAVEN_TIME_ZONE ?? "Asia/Seoul",
  };
});
