// The rule for a new password, in one place (S1): 12–128 characters, no composition rules, and
// not on the shipped list of commonly used passwords.
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password";
import { isCommonPassword } from "./common-passwords";

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, "passwordTooShort")
  .max(PASSWORD_MAX, "passwordTooLong")
  .refine((p) => !isCommonPassword(p), "passwordCommon");
