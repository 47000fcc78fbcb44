import "server-only";
import { getTranslations } from "next-intl/server";
import { formErrorMessages } from "@/components/form-messages";

const KEYS = ["reauthRequired", "wrongPassword", "wrongCode", "tooManyAttempts", "enrolmentExpired", "enrolmentReplaced", "twoFactorRequired", "useSignOut", "passwordsDiffer", "sessionEnded", "linkInvalid", "userDisabled"] as const;

/** Form messages for the sign-in security screens: the common ones plus account.errors.*. */
export async function securityFormMessages(): Promise<Record<string, string>> {
  const [common, t] = await Promise.all([formErrorMessages(), getTranslations("account.errors")]);
  return { ...common, ...Object.fromEntries(KEYS.map((k) => [k, t(k)])) };
}
