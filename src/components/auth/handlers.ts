// Request handling for the account pages: authorize → parse → call src/domain/auth → map to a redirect or a view.
// Route files stay two lines; every state change is a POST answered with a 303 (POST/redirect/GET).
import type { AstroGlobal } from "astro";
import type { z } from "zod";
import {
  changeEmailSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  signInSchema,
  signUpSchema,
  tokenSchema,
} from "../../domain/auth/schemas.ts";
import {
  changePassword,
  confirmEmailChange,
  countOtherSessions,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
  verifyEmail,
  type AuthDeps,
} from "../../domain/auth/service.ts";
import { invalidateSession } from "../../domain/auth/sessions.ts";
import { peekToken, type TokenPurpose } from "../../domain/auth/single-use.ts";
import { isDomainError } from "../../domain/shared/errors.ts";
import { localePath, t, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { localizeMessage, readForm, type FieldErrors, type FormValues } from "../../server/forms.ts";
import { clientKey, requireUser, safeNext } from "../../server/guards.ts";
import { clearSessionCookie, setSessionCookie } from "../../server/session-cookie.ts";
import { siteOrigin } from "../../server/site-url.ts";

export type PageCtx = Pick<AstroGlobal, "request" | "cookies" | "url" | "redirect" | "locals" | "response" | "clientAddress" | "rewrite">;

export interface FormView {
  values: FormValues;
  errors: FieldErrors;
}

const emptyForm = (): FormView => ({ values: {}, errors: {} });

function deps(ctx: PageCtx): AuthDeps {
  const { db, rateLimits } = getContainer();
  return { db, rateLimits, baseUrl: siteOrigin(ctx.url) };
}

const production = () => getContainer().env.NODE_ENV === "production";

const isPost = (ctx: PageCtx) => ctx.request.method === "POST";

const to = (ctx: PageCtx, locale: Locale, path: string) => ctx.redirect(localePath(locale, path), 303);

/** Maps a domain error to a status and form errors; unknown errors propagate (logged whole, answered generically). */
function formFailure(ctx: PageCtx, locale: Locale, error: unknown, values: FormValues): FormView {
  if (isDomainError(error, "RATE_LIMITED")) {
    const seconds = error.retryAfter ?? 60;
    ctx.response.status = 429;
    ctx.response.headers.set("Retry-After", String(seconds));
    return { values, errors: { _form: [t(locale, "error.rateLimited", { seconds })] } };
  }
  if (isDomainError(error)) {
    ctx.response.status = error.code === "EMAIL_TAKEN" ? 409 : 400;
    const errors: FieldErrors = {};
    for (const [field, messages] of Object.entries(error.fields)) errors[field] = messages.map((m) => localizeMessage(m, locale));
    if (!Object.keys(errors).length) errors._form = [localizeMessage(error.message, locale)];
    return { values, errors };
  }
  throw error;
}

async function parse<S extends z.ZodType>(ctx: PageCtx, schema: S, locale: Locale) {
  const result = await readForm(ctx.request, schema, locale);
  if (!result.ok) ctx.response.status = 400;
  return result;
}

// ---------- sign up ----------
export async function handleSignUp(ctx: PageCtx, locale: Locale): Promise<Response | (FormView & { sent: boolean })> {
  if (!isPost(ctx)) return { ...emptyForm(), sent: ctx.url.searchParams.has("sent") };
  const form = await parse(ctx, signUpSchema, locale);
  if (!form.ok) return { values: form.values, errors: form.errors, sent: false };
  try {
    await signUp(deps(ctx), form.data, locale, clientKey(ctx));
  } catch (error) {
    return { ...formFailure(ctx, locale, error, form.values), sent: false };
  }
  return to(ctx, locale, "/sign-up?sent=1");
}

// ---------- sign in / out ----------
export async function handleSignIn(ctx: PageCtx, locale: Locale): Promise<Response | (FormView & { next: string })> {
  const next = ctx.url.searchParams.get("next") ?? "";
  if (!isPost(ctx)) return { ...emptyForm(), next };
  const form = await parse(ctx, signInSchema, locale);
  if (!form.ok) return { values: { ...form.values, password: "" }, errors: form.errors, next: String(form.values.next ?? next) };
  try {
    const result = await signIn(deps(ctx), form.data, clientKey(ctx));
    // The previous session of this browser (if any) must not outlive the new one.
    if (ctx.locals.session) await invalidateSession(getContainer().db, ctx.locals.session.id);
    setSessionCookie(ctx.cookies, result.token, result.session.expiresAt, production());
    const fallback = localePath(locale, result.user.isOperator ? "/operator" : "/portal");
    return ctx.redirect(safeNext(form.data.next, fallback), 303);
  } catch (error) {
    return { ...formFailure(ctx, locale, error, { ...form.values, password: "" }), next: form.data.next ?? "" };
  }
}

export async function handleSignOut(ctx: Pick<PageCtx, "locals" | "cookies" | "redirect">, locale: Locale): Promise<Response> {
  if (ctx.locals.session) await signOut({ db: getContainer().db }, ctx.locals.session.id);
  clearSessionCookie(ctx.cookies, production());
  return ctx.redirect(localePath(locale, "/"), 303);
}

// ---------- token confirmation pages ----------
export type TokenState = "confirm" | "invalid" | "done";

/** GET shows a button (mail scanners open links; only the POST spends the token). */
async function tokenPage(ctx: PageCtx, purpose: TokenPurpose): Promise<{ state: TokenState; token: string }> {
  if (ctx.url.searchParams.has("done")) return { state: "done", token: "" };
  const token = ctx.url.searchParams.get("token") ?? "";
  const usable = await peekToken(getContainer().db, token, purpose);
  if (!usable) ctx.response.status = 400;
  return { state: usable ? "confirm" : "invalid", token };
}

export async function handleVerifyEmail(ctx: PageCtx, locale: Locale): Promise<Response | { state: TokenState; token: string }> {
  if (!isPost(ctx)) return tokenPage(ctx, "email_verification");
  const form = await parse(ctx, tokenSchema, locale);
  if (!form.ok) return { state: "invalid", token: "" };
  try {
    await verifyEmail(deps(ctx), form.data.token);
  } catch (error) {
    if (isDomainError(error, "TOKEN_INVALID")) {
      ctx.response.status = 400;
      return { state: "invalid", token: "" };
    }
    throw error;
  }
  return to(ctx, locale, "/verify-email?done=1");
}

export type ResendState = "form" | "sent" | "already" | "limited";

export async function handleResendVerification(ctx: PageCtx, locale: Locale): Promise<Response | { state: ResendState; message?: string }> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (!isPost(ctx)) {
    const status = ctx.url.searchParams.get("status");
    return { state: status === "sent" || status === "already" ? status : user.emailVerified ? "already" : "form" };
  }
  try {
    const sent = await resendVerification(deps(ctx), user.id);
    return to(ctx, locale, `/verify-email/resend?status=${sent ? "sent" : "already"}`);
  } catch (error) {
    const view = formFailure(ctx, locale, error, {});
    return { state: "limited", message: view.errors._form?.[0] };
  }
}

// ---------- password reset ----------
export async function handleForgotPassword(ctx: PageCtx, locale: Locale): Promise<Response | (FormView & { sent: boolean })> {
  if (!isPost(ctx)) return { ...emptyForm(), sent: ctx.url.searchParams.has("sent") };
  const form = await parse(ctx, forgotPasswordSchema, locale);
  if (!form.ok) return { values: form.values, errors: form.errors, sent: false };
  try {
    await requestPasswordReset(deps(ctx), form.data.email, clientKey(ctx));
  } catch (error) {
    return { ...formFailure(ctx, locale, error, form.values), sent: false };
  }
  return to(ctx, locale, "/forgot-password?sent=1");
}

export async function handleResetPassword(
  ctx: PageCtx,
  locale: Locale,
): Promise<Response | (FormView & { state: TokenState; token: string })> {
  if (!isPost(ctx)) return { ...emptyForm(), ...(await tokenPage(ctx, "password_reset")) };
  const form = await parse(ctx, resetPasswordSchema, locale);
  const token = String(form.values.token ?? "");
  if (!form.ok) return { values: {}, errors: form.errors, state: "confirm", token };
  try {
    const result = await resetPassword(deps(ctx), form.data);
    setSessionCookie(ctx.cookies, result.token, result.session.expiresAt, production());
    return to(ctx, locale, "/account?done=reset");
  } catch (error) {
    if (isDomainError(error, "TOKEN_INVALID")) {
      ctx.response.status = 400;
      return { ...emptyForm(), state: "invalid", token: "" };
    }
    throw error;
  }
}

// ---------- account ----------
export type AccountIntent = "password" | "email" | "sessions";

export interface AccountView {
  intent: AccountIntent | null;
  form: FormView;
  done: string | null;
  otherSessions: number;
}

export async function handleAccount(ctx: PageCtx, locale: Locale): Promise<Response | AccountView> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  const session = ctx.locals.session!;
  const d = deps(ctx);
  const view = async (intent: AccountIntent | null, form: FormView): Promise<AccountView> => ({
    intent,
    form,
    done: ctx.url.searchParams.get("done"),
    otherSessions: await countOtherSessions(d, user.id, session.id),
  });
  if (!isPost(ctx)) return view(null, emptyForm());

  const body = await ctx.request.clone().formData().catch(() => null);
  const intent = body?.get("intent");
  if (intent === "sessions") {
    await signOutEverywhere(d, user.id, session.id);
    return to(ctx, locale, "/account?done=sessions");
  }
  if (intent === "password") {
    const form = await parse(ctx, changePasswordSchema, locale);
    if (!form.ok) return view(intent, { values: {}, errors: form.errors });
    try {
      await changePassword(d, { userId: user.id, sessionId: session.id, ...form.data });
    } catch (error) {
      return view(intent, formFailure(ctx, locale, error, {}));
    }
    return to(ctx, locale, "/account?done=password");
  }
  if (intent === "email") {
    const form = await parse(ctx, changeEmailSchema, locale);
    const values = { newEmail: form.values.newEmail ?? "" };
    if (!form.ok) return view(intent, { values, errors: form.errors });
    try {
      await requestEmailChange(d, { userId: user.id, ...form.data });
    } catch (error) {
      return view(intent, formFailure(ctx, locale, error, values));
    }
    return to(ctx, locale, "/account?done=email");
  }
  ctx.response.status = 400;
  return view(null, { values: {}, errors: { _form: [t(locale, "form.unreadable")] } });
}

export async function handleConfirmEmail(
  ctx: PageCtx,
  locale: Locale,
): Promise<Response | { state: TokenState | "taken"; token: string }> {
  if (!isPost(ctx)) return tokenPage(ctx, "email_change");
  const form = await parse(ctx, tokenSchema, locale);
  if (!form.ok) return { state: "invalid", token: "" };
  try {
    await confirmEmailChange(deps(ctx), form.data.token);
  } catch (error) {
    if (isDomainError(error, "TOKEN_INVALID")) {
      ctx.response.status = 400;
      return { state: "invalid", token: "" };
    }
    if (isDomainError(error, "EMAIL_TAKEN")) {
      ctx.response.status = 409;
      return { state: "taken", token: "" };
    }
    throw error;
  }
  return to(ctx, locale, "/account/confirm-email?done=1");
}
