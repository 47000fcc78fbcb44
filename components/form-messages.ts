import "server-only";
import { getTranslations } from "next-intl/server";

/** The error messages a client form may need, resolved on the server in the viewer's language. */
export async function formErrorMessages(): Promise<Record<string, string>> {
  const t = await getTranslations("errors");
  const keys = ["generic", "checkFields", "required", "tooShort", "tooLong", "invalidEmail", "emailTaken", "passwordTooShort", "passwordTooLong", "unknownTeam", "taken", "ownRole", "invalid", "invalidDate", "nameRequired", "outOfRange", "passwordCommon", "reauthRequired", "invalidCharacters"] as const;
  return { ...Object.fromEntries(keys.map((k) => [k, t(k)])), invalid: t("invalid") };
}
