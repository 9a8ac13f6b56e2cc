// Request handling of the integrations pages (issue 5: API keys, webhook endpoints, delivery log), shared by en and ko.
// New secrets are shown once: the POST puts them in a short-lived, path-scoped, httpOnly cookie that the next GET reads and deletes.
import type { AstroGlobal } from "astro";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeySummary } from "../../domain/integrations/api-keys.ts";
import { createApiKeySchema, createEndpointSchema, deliveryIdSchema, idSchema } from "../../domain/integrations/schemas.ts";
import { urlPolicyFor } from "../../domain/integrations/url-policy.ts";
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateEndpointSecret,
  setEndpointActive,
  type DeliverySummary,
  type EndpointSummary,
} from "../../domain/integrations/webhooks.ts";
import type { PartnerAccess } from "../../domain/partners/membership.ts";
import { localePath, t, type Locale } from "../../i18n/ui.ts";
import { getContainer } from "../../server/container.ts";
import { EMPTY_FORM, formRefusal, invalidForm, postedAction, type FormState } from "../../server/form-page.ts";
import { readForm, type FormValues } from "../../server/forms.ts";
import { notFound, requirePartner } from "../../server/guards.ts";

type Ctx = AstroGlobal;

export { withMessage, type FormState } from "../../server/form-page.ts";

/** A secret shown once after a redirect. */
export interface Revealed {
  kind: "apiKey" | "webhookSecret";
  /** The key or endpoint it belongs to. */
  id: string;
  value: string;
}

const REVEAL_COOKIE = "integrations_reveal";

export const DONE = {
  keyCreated: "integrations.done.keyCreated",
  keyRevoked: "integrations.done.keyRevoked",
  endpointCreated: "integrations.done.endpointCreated",
  endpointDisabled: "integrations.done.endpointDisabled",
  endpointEnabled: "integrations.done.endpointEnabled",
  endpointDeleted: "integrations.done.endpointDeleted",
  secretRotated: "integrations.done.secretRotated",
  redelivered: "integrations.done.redelivered",
} as const;
export type Done = keyof typeof DONE;

function refusal(ctx: Ctx, locale: Locale, error: unknown, action: string, values: FormValues): FormState {
  return formRefusal(ctx, locale, error, action, values, { NOT_FOUND: "integrations.error.notFound" });
}

function here(locale: Locale, slug: string, rest = ""): string {
  return localePath(locale, `/portal/${encodeURIComponent(slug)}/integrations${rest}`);
}

function reveal(ctx: Ctx, path: string, value: Revealed): void {
  ctx.cookies.set(REVEAL_COOKIE, JSON.stringify(value), {
    path,
    httpOnly: true,
    sameSite: "strict",
    secure: getContainer().env.NODE_ENV === "production",
    maxAge: 300,
  });
}

function takeRevealed(ctx: Ctx, path: string): Revealed | null {
  const raw = ctx.cookies.get(REVEAL_COOKIE)?.value;
  if (!raw) return null;
  ctx.cookies.delete(REVEAL_COOKIE, { path });
  try {
    const value = JSON.parse(raw) as Revealed;
    return (value.kind === "apiKey" || value.kind === "webhookSecret") && typeof value.value === "string" && typeof value.id === "string" ? value : null;
  } catch {
    return null;
  }
}

function doneOf(ctx: Ctx): Done | null {
  const done = ctx.url.searchParams.get("done");
  return ctx.request.method === "GET" && done && done in DONE ? (done as Done) : null;
}

// ---- /portal/[org]/integrations ---------------------------------------------

export interface IntegrationsProps {
  locale: Locale;
  partner: PartnerAccess;
  keys: ApiKeySummary[];
  endpoints: EndpointSummary[];
  revealed: Revealed | null;
  done: Done | null;
  form: FormState;
  /** Where the API is described. */
  docsUrl: string;
}

export async function integrationsRoute(ctx: Ctx, locale: Locale): Promise<Response | IntegrationsProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "apiKeys.manage");
  if (auth instanceof Response) return auth;
  const { db, env } = getContainer();
  const userId = auth.user.id;
  const slug = auth.access.slug;
  const path = here(locale, slug);
  let form: FormState = EMPTY_FORM;

  if (ctx.request.method === "POST") {
    const action = await postedAction(ctx);
    let values: FormValues = {};
    try {
      if (action === "createKey") {
        const parsed = await readForm(ctx.request, createApiKeySchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          const created = await createApiKey(db, userId, slug, parsed.data);
          reveal(ctx, path, { kind: "apiKey", id: created.id, value: created.key });
          return ctx.redirect(`${path}?done=keyCreated`, 303);
        }
      } else if (action === "createEndpoint") {
        const parsed = await readForm(ctx.request, createEndpointSchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          const created = await createEndpoint(db, { userId, policy: urlPolicyFor(env.NODE_ENV) }, slug, parsed.data);
          reveal(ctx, path, { kind: "webhookSecret", id: created.id, value: created.secret });
          return ctx.redirect(`${path}?done=endpointCreated`, 303);
        }
      } else if (["revokeKey", "disableEndpoint", "enableEndpoint", "deleteEndpoint", "rotateSecret"].includes(action)) {
        const parsed = await readForm(ctx.request, idSchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          const id = parsed.data.id;
          let done: Done;
          if (action === "revokeKey") {
            await revokeApiKey(db, userId, slug, id);
            done = "keyRevoked";
          } else if (action === "rotateSecret") {
            const { secret } = await rotateEndpointSecret(db, userId, slug, id);
            reveal(ctx, path, { kind: "webhookSecret", id, value: secret });
            done = "secretRotated";
          } else if (action === "deleteEndpoint") {
            await deleteEndpoint(db, userId, slug, id);
            done = "endpointDeleted";
          } else {
            const active = action === "enableEndpoint";
            await setEndpointActive(db, userId, slug, id, active);
            done = active ? "endpointEnabled" : "endpointDisabled";
          }
          return ctx.redirect(`${path}?done=${done}`, 303);
        }
      } else {
        ctx.response.status = 400;
        form = { errors: {}, values: {}, message: t(locale, "integrations.error.invalidRequest") };
      }
    } catch (error) {
      form = refusal(ctx, locale, error, action, values);
    }
  }

  const [{ keys }, { endpoints }] = await Promise.all([listApiKeys(db, userId, slug), listEndpoints(db, userId, slug)]);
  return {
    locale,
    partner: auth.access,
    keys,
    endpoints,
    revealed: ctx.request.method === "GET" ? takeRevealed(ctx, path) : null,
    done: doneOf(ctx),
    form,
    docsUrl: "/api/v1/openapi.json",
  };
}

// ---- /portal/[org]/integrations/webhooks/[id] -------------------------------

export interface DeliveriesProps {
  locale: Locale;
  partner: PartnerAccess;
  endpoint: EndpointSummary;
  deliveries: DeliverySummary[];
  done: Done | null;
  form: FormState;
  backUrl: string;
}

export async function deliveriesRoute(ctx: Ctx, locale: Locale): Promise<Response | DeliveriesProps> {
  const auth = await requirePartner(ctx, ctx.params.org, "apiKeys.manage");
  if (auth instanceof Response) return auth;
  const { db } = getContainer();
  const userId = auth.user.id;
  const slug = auth.access.slug;
  const endpointId = ctx.params.id ?? "";
  const { endpoints } = await listEndpoints(db, userId, slug);
  const endpoint = endpoints.find((e) => e.id === endpointId);
  if (!endpoint) return notFound(ctx);
  const path = here(locale, slug, `/webhooks/${encodeURIComponent(endpoint.id)}`);
  let form: FormState = EMPTY_FORM;

  if (ctx.request.method === "POST") {
    const action = await postedAction(ctx);
    let values: FormValues = {};
    try {
      if (action === "redeliver") {
        const parsed = await readForm(ctx.request, deliveryIdSchema, locale);
        values = parsed.values;
        if (!parsed.ok) form = invalidForm(ctx, locale, action, parsed);
        else {
          await redeliver(db, userId, slug, endpoint.id, parsed.data.deliveryId);
          return ctx.redirect(`${path}?done=redelivered`, 303);
        }
      } else {
        ctx.response.status = 400;
        form = { errors: {}, values: {}, message: t(locale, "integrations.error.invalidRequest") };
      }
    } catch (error) {
      form = refusal(ctx, locale, error, action, values);
    }
  }

  const deliveries = await listDeliveries(db, userId, slug, endpoint.id);
  return { locale, partner: auth.access, endpoint, deliveries, done: doneOf(ctx), form, backUrl: here(locale, slug) };
}
