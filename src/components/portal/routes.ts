// Request handling for the portal pages, shared by the English and Korean route files: authorize → parse → domain → map.
import type { AstroGlobal } from "astro";
import { listMemberships, type PartnerAccess } from "../../domain/partners/membership.ts";
import { acceptInvitation, inviteMember, peekInvitation, revokeInvitation, sameEmail, type InvitationPreview } from "../../domain/partners/invitations.ts";
import { changeMemberRole, listMembers, removeMember, type MembersView } from "../../domain/partners/members.ts";
import { getOverview, type PartnerOverview } from "../../domain/partners/overview.ts";
import { can, type PartnerPermission } from "../../domain/partners/permissions.ts";
import { getPrograms, signAgreement, submitProgram, type ProgramsView } from "../../domain/partners/programs.ts";
import {
  changeRoleSchema,
  inviteMemberSchema,
  removeMemberSchema,
  revokeInvitationSchema,
  signAgreementSchema,
  submitProgramSchema,
} from "../../domain/partners/schemas.ts";
import { isDomainError, type DomainError } from "../../domain/shared/errors.ts";
import { localePath, t, type Locale, type MessageKey } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { STATUS_BY_CODE } from "../../server/errors.ts";
import { EMPTY_FORM, formRefusal, invalidForm, postedAction, type FormState } from "../../server/form-page.ts";
import { readForm, type FormValues } from "../../server/forms.ts";
import { requirePartner, requireUser } from "../../server/guards.ts";
import { siteOrigin } from "../../server/site-url.ts";

type Ctx = AstroGlobal;

export { withMessage, type FormState } from "../../server/form-page.ts";

function slugOf(ctx: Ctx): string | undefined {
  return ctx.params.org;
}

/** The portal's wording for refusals without field errors; each form may add its own. */
function refusal(ctx: Ctx, locale: Locale, error: unknown, action: string, values: FormValues, messages: Partial<Record<DomainError["code"], MessageKey>> = {}): FormState {
  return formRefusal(ctx, locale, error, action, values, { LAST_OWNER: "portal.error.lastOwner", NOT_FOUND: "portal.error.notFound", ...messages });
}

/** A second, action-specific authorization: the page's own check only proved membership. */
async function authorize(ctx: Ctx, permission: PartnerPermission) {
  return requirePartner(ctx, slugOf(ctx), permission);
}

// ---- /portal ----------------------------------------------------------------

export interface PortalIndexProps {
  locale: Locale;
  organizations: PartnerAccess[];
}

export async function portalIndexRoute(ctx: Ctx, locale: Locale): Promise<Response | PortalIndexProps> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  const organizations = await listMemberships(getContainer().db, user.id);
  if (organizations.length === 1) {
    return ctx.redirect(localePath(locale, `/portal/${encodeURIComponent(organizations[0]!.slug)}`), 302);
  }
  return { locale, organizations };
}

// ---- /portal/[org] ----------------------------------------------------------

export interface OverviewProps {
  locale: Locale;
  overview: PartnerOverview;
}

export async function overviewRoute(ctx: Ctx, locale: Locale): Promise<Response | OverviewProps> {
  const auth = await requirePartner(ctx, slugOf(ctx), "org.view");
  if (auth instanceof Response) return auth;
  const overview = await getOverview({ db: getContainer().db, userId: auth.user.id }, auth.access.slug);
  return { locale, overview };
}

// ---- /portal/[org]/members --------------------------------------------------

export interface MembersProps {
  locale: Locale;
  view: MembersView;
  currentUserId: string;
  done: string | null;
  form: FormState;
}

const MEMBER_ACTIONS: Record<string, { permission: PartnerPermission; done: string }> = {
  invite: { permission: "members.invite", done: "invited" },
  changeRole: { permission: "members.changeRole", done: "roleChanged" },
  remove: { permission: "members.remove", done: "removed" },
  leave: { permission: "org.view", done: "left" },
  revoke: { permission: "members.invite", done: "revoked" },
};

export async function membersRoute(ctx: Ctx, locale: Locale): Promise<Response | MembersProps> {
  const auth = await requirePartner(ctx, slugOf(ctx), "members.view");
  if (auth instanceof Response) return auth;
  const { db, rateLimits } = getContainer();
  const actor = { db, userId: auth.user.id };
  const slug = auth.access.slug;
  const here = localePath(locale, `/portal/${encodeURIComponent(slug)}/members`);
  let form: FormState = EMPTY_FORM;

  if (ctx.request.method === "POST") {
    const action = await postedAction(ctx);
    const spec = MEMBER_ACTIONS[action];
    if (!spec) {
      ctx.response.status = 400;
      form = { errors: {}, values: {}, message: t(locale, "portal.error.invalidRequest") };
    } else {
      const allowed = await authorize(ctx, spec.permission);
      if (allowed instanceof Response) return allowed;
      let values: FormValues = {};
      try {
        if (action === "invite") {
          const parsed = await readForm(ctx.request, inviteMemberSchema, locale);
          values = parsed.values;
          if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
          else {
            // Per organization, so one organization can't flood inboxes from many accounts.
            await rateLimits.consume("invitationsPartner", allowed.access.partnerId);
            await inviteMember({ ...actor, baseUrl: siteOrigin(ctx.url), locale }, slug, parsed.data);
          }
        } else if (action === "changeRole") {
          const parsed = await readForm(ctx.request, changeRoleSchema, locale);
          values = parsed.values;
          if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
          else await changeMemberRole(actor, slug, parsed.data);
        } else if (action === "remove" || action === "leave") {
          const parsed = await readForm(ctx.request, removeMemberSchema, locale);
          values = parsed.values;
          if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
          else if (action === "leave" && parsed.data.userId !== actor.userId) form = invalidForm(ctx, locale, action, { errors: {}, values });
          else await removeMember(actor, slug, parsed.data);
        } else {
          const parsed = await readForm(ctx.request, revokeInvitationSchema, locale);
          values = parsed.values;
          if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
          else await revokeInvitation(actor, slug, parsed.data);
        }
        if (form === EMPTY_FORM) {
          if (action === "leave") return ctx.redirect(localePath(locale, "/portal"), 303);
          return ctx.redirect(`${here}?done=${spec.done}`, 303);
        }
      } catch (error) {
        form = refusal(ctx, locale, error, action, values, { CONFLICT: "portal.invite.error.open" });
      }
    }
  }

  const view = await listMembers(actor, slug);
  const doneParam = ctx.url.searchParams.get("done");
  const done = ctx.request.method === "GET" && doneParam && Object.values(MEMBER_ACTIONS).some((a) => a.done === doneParam) ? doneParam : null;
  return { locale, view, currentUserId: actor.userId, done, form };
}

// ---- /portal/[org]/programs -------------------------------------------------

export interface ProgramsProps {
  locale: Locale;
  view: ProgramsView;
  canSubmit: boolean;
  done: "agreement" | "program" | null;
  form: FormState;
}

export async function programsRoute(ctx: Ctx, locale: Locale): Promise<Response | ProgramsProps> {
  const auth = await requirePartner(ctx, slugOf(ctx), "org.view");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const actor = { db, userId: auth.user.id };
  const slug = auth.access.slug;
  const here = localePath(locale, `/portal/${encodeURIComponent(slug)}/programs`);
  let form: FormState = EMPTY_FORM;

  if (ctx.request.method === "POST") {
    const action = await postedAction(ctx);
    const allowed = await authorize(ctx, "programs.submit");
    if (allowed instanceof Response) return allowed;
    let values: FormValues = {};
    try {
      if (action === "agreement") {
        const parsed = await readForm(ctx.request, signAgreementSchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          await signAgreement(actor, slug, parsed.data);
          return ctx.redirect(`${here}?done=agreement`, 303);
        }
      } else if (action === "program") {
        const parsed = await readForm(ctx.request, submitProgramSchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          await submitProgram(actor, slug, parsed.data);
          return ctx.redirect(`${here}?done=program`, 303);
        }
      } else {
        ctx.response.status = 400;
        form = { errors: {}, values: {}, message: t(locale, "portal.error.invalidRequest") };
      }
    } catch (error) {
      form = refusal(ctx, locale, error, action, values, { CONFLICT: "portal.programs.error.conflict" });
    }
  }

  const view = await getPrograms(actor, slug);
  const doneParam = ctx.url.searchParams.get("done");
  const done = ctx.request.method === "GET" && (doneParam === "agreement" || doneParam === "program") ? doneParam : null;
  return { locale, view, canSubmit: can(view.access.role, "programs.submit"), done, form };
}

// ---- /invitations/accept ----------------------------------------------------

export type AcceptProps =
  | { locale: Locale; state: "invalid" }
  | {
      locale: Locale;
      state: "open" | "mismatch" | "alreadyMember";
      token: string;
      invitation: InvitationPreview;
      signedInAs: string | null;
      signInUrl: string;
      signUpUrl: string;
      portalUrl: string;
    };

export async function acceptRoute(ctx: Ctx, locale: Locale): Promise<Response | AcceptProps> {
  const { db } = getContainer();
  let token = ctx.url.searchParams.get("token") ?? "";

  if (ctx.request.method === "POST") {
    try {
      const posted = (await ctx.request.clone().formData()).get("token");
      if (typeof posted === "string" && posted) token = posted;
    } catch {
      // fall back to the query string
    }
    // Not signed in: sign in (or up) and come back to this confirmation page, which then posts again.
    const user = ctx.locals.user;
    if (!user) return ctx.redirect(signInUrl(locale, token), 303);
    try {
      const joined = await acceptInvitation({ db, userId: user.id }, token);
      return ctx.redirect(localePath(locale, `/portal/${encodeURIComponent(joined.partnerSlug)}`), 303);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.response.status = STATUS_BY_CODE[error.code];
      if (error.code !== "FORBIDDEN" && error.code !== "CONFLICT") return { locale, state: "invalid" };
      // Fall through to describe the invitation with the reason it can't be accepted.
    }
  }

  const invitation = await peekInvitation(db, token);
  if (!invitation) {
    if (ctx.request.method === "GET") ctx.response.status = 400;
    return { locale, state: "invalid" };
  }
  const user = ctx.locals.user;
  let state: "open" | "mismatch" | "alreadyMember" = "open";
  if (user && !sameEmail(user.email, invitation.email)) state = "mismatch";
  else if (user) {
    const member = (await listMemberships(db, user.id)).some((m) => m.slug === invitation.partnerSlug);
    if (member) state = "alreadyMember";
  }
  if (ctx.request.method === "POST" && state === "open") ctx.response.status = 409;
  return {
    locale,
    state,
    token,
    invitation,
    signedInAs: user?.email ?? null,
    signInUrl: signInUrl(locale, token),
    signUpUrl: `${localePath(locale, "/sign-up")}?next=${encodeURIComponent(acceptHere(locale, token))}&email=${encodeURIComponent(invitation.email)}`,
    portalUrl: localePath(locale, `/portal/${encodeURIComponent(invitation.partnerSlug)}`),
  };
}

function acceptHere(locale: Locale, token: string): string {
  return `${localePath(locale, "/invitations/accept")}?token=${encodeURIComponent(token)}`;
}

function signInUrl(locale: Locale, token: string): string {
  return `${localePath(locale, "/sign-in")}?next=${encodeURIComponent(acceptHere(locale, token))}`;
}
