// What every operator service receives: the database, who acts (checked here, not only by the page), the clock and the site origin.
import type { Database } from "../../../db/client.ts";
import { localePath, type Locale } from "../../i18n/ui.ts";
import { DomainError } from "../shared/errors.ts";

export interface Actor {
  id: string;
  isOperator: boolean;
}

export interface OperatorContext {
  db: Database;
  actor: Actor;
  /** Public origin for links in mail, e.g. "https://marketplace.example". */
  baseUrl: string;
  now?: () => Date;
}

/** Defence in depth: pages check too, but a service called from anywhere must refuse non-operators. */
export function assertOperator(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor?.isOperator) throw new DomainError("FORBIDDEN", "operator only");
}

export function nowOf(ctx: OperatorContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

/** The partner portal page a decision mail links to. */
export function portalUrl(ctx: OperatorContext, locale: Locale, slug: string, page = ""): string {
  return new URL(localePath(locale, `/portal/${encodeURIComponent(slug)}${page}`), ctx.baseUrl).href;
}
