import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-schema";
import { requiredText } from "../schemas-common";

export const roleSchema = z.enum(["ADMIN", "LAWYER", "CASEWORKER", "VIEWER"]);
export const localeSchema = z.enum(["en", "ko"]);
const idSchema = z.string().min(1).max(40).regex(/^[a-z0-9]+$/i);

export const createUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("invalidEmail")).pipe(z.string().max(254)),
  displayName: requiredText(100),
  role: roleSchema,
  locale: localeSchema.default("en"),
  // Empty: the account gets no usable password; the administrator then gives the person a
  // sign-in link (lib/domain/user/sign-in-links.ts) and never learns their password.
  password: z.preprocess((v) => (v === "" ? undefined : v), newPasswordSchema.optional()),
  teamIds: z.array(idSchema).max(50).default([]),
});

export const updateUserAccessSchema = z.strictObject({
  userId: idSchema,
  role: roleSchema,
  teamIds: z.array(idSchema).max(50),
});

export const setUserDisabledSchema = z.strictObject({
  userId: idSchema,
  disabled: z.boolean(),
});
