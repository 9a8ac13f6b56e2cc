// One zod schema per auth form (convention 8); messages are i18n keys that src/server/forms.ts translates.
import { z } from "zod";
import { isCommonPassword } from "./common-passwords.ts";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 255;

/** Trimmed and lower-cased: users.email is unique case-insensitively and stored this way. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: "auth.email.required" })
  .max(254, { error: "auth.email.invalid" })
  .pipe(z.email({ error: "auth.email.invalid" }));

/** Length in characters (code points), not UTF-16 units; no composition rules; never trimmed. */
const length = (s: string) => [...s].length;

/** A new password: 8–255 characters and not one of the shipped common passwords (NIST SP 800-63B). */
export const newPasswordField = z
  .string()
  .refine((s) => length(s) >= PASSWORD_MIN, { error: "auth.password.tooShort", abort: true })
  .refine((s) => length(s) <= PASSWORD_MAX, { error: "auth.password.tooLong", abort: true })
  .refine((s) => !isCommonPassword(s), { error: "auth.password.common" });

/** A password typed to prove who you are: only bounded, so an old password never locks anyone out. */
const currentPasswordField = z.string().min(1, { error: "auth.password.required" }).max(1024, { error: "auth.password.tooLong" });

const nextField = z.string().max(2000).optional();

export const signUpSchema = z.object({
  name: z.string().trim().min(1, { error: "auth.name.required" }).max(100, { error: "auth.name.tooLong" }),
  email: emailField,
  password: newPasswordField,
  organization: z
    .string()
    .trim()
    .min(2, { error: "auth.organization.required" })
    .max(120, { error: "auth.organization.tooLong" }),
});
export type SignUpInput = z.output<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: currentPasswordField,
  next: nextField,
});
export type SignInInput = z.output<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });

const tokenField = z.string().trim().min(1, { error: "auth.token.invalid" }).max(128, { error: "auth.token.invalid" });

export const tokenSchema = z.object({ token: tokenField });

export const resetPasswordSchema = z.object({ token: tokenField, password: newPasswordField });

export const changePasswordSchema = z.object({ currentPassword: currentPasswordField, newPassword: newPasswordField });

export const changeEmailSchema = z.object({ currentPassword: currentPasswordField, newEmail: emailField });

export const operatorCreateSchema = z.object({ email: emailField, password: newPasswordField, name: z.string().trim().min(1).max(100).optional() });
