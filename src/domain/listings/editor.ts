// The listing editor: a draft with optimistic concurrency, publish/unpublish onto the public listing (R1, R10),
// revisions of who changed which fields. Every entry point checks the actor's membership itself (tenant isolation).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { PROGRAMS } from "../catalog/vocabulary.ts";
import { requirePartnerPermission, type PartnerAccess } from "../partners/membership.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { enqueueListingSync } from "../shared/jobs.ts";
import {
  changedFields,
  type DraftField,
  type ListingDraftData,
  ListingDraftSchema,
  normalizeDraft,
} from "./editor-schema.ts";
import type { ListingLocale, PublicListing, ServiceRef } from "./repository.ts";
import { recordRevision } from "./revisions.ts";

export interface Actor {
  userId: string;
  partnerSlug: string;
}

export type ListingStatus = "draft" | "published" | "unpublished";

export interface EditorState {
  partner: { id: string; slug: string; name: string; status: PartnerAccess["status"]; agreementSignedAt: Date | null };
  draft: ListingDraftData;
  /** 0 while no draft has been saved yet: the first save must say 0. */
  version: number;
  draftUpdatedAt: Date | null;
  draftUpdatedBy: string | null;
  listing: { id: string; slug: string; status: ListingStatus; publishedAt: Date | null; version: number } | null;
  /** The draft differs from what the public sees (only meaningful once published). */
  unpublishedChanges: DraftField[];
  hasLogo: boolean;
}

export interface RevisionEntry {
  id: number;
  action: "saved" | "published" | "unpublished" | "moderated";
  actorName: string | null;
  actorEmail: string | null;
  changedFields: string[];
  reason: string | null;
  createdAt: Date;
}

type ListingRow = {
  id: string;
  slug: string;
  status: string;
  name: string;
  headline_en: string | null;
  headline_ko: string | null;
  description_en: string | null;
  description_ko: string | null;
  expertise: string[];
  industries: string[];
  regions: string[];
  languages: string[];
  contact_email: string | null;
  phone: string | null;
  website: string | null;
  primary_locale: string;
  published_at: Date | null;
  version: number;
};

async function loadListing(db: Database, partnerId: string): Promise<(ListingRow & { services: string[] }) | null> {
  const row = await db
    .selectFrom("listings")
    .select([
      "id",
      "slug",
      "status",
      "name",
      "headline_en",
      "headline_ko",
      "description_en",
      "description_ko",
      "expertise",
      "industries",
      "regions",
      "languages",
      "contact_email",
      "phone",
      "website",
      "primary_locale",
      "published_at",
      "version",
    ])
    .where("partner_id", "=", partnerId)
    .executeTakeFirst();
  if (!row) return null;
  const services = await db.selectFrom("listing_services").select("service_id").where("listing_id", "=", row.id).execute();
  return { ...row, services: services.map((s) => s.service_id) };
}

/** What the public listing holds, as draft data (to compare, or to start a draft from a listing made elsewhere). */
function listingAsDraft(row: ListingRow & { services: string[] }): ListingDraftData {
  return {
    name: row.name,
    headline_en: row.headline_en,
    headline_ko: row.headline_ko,
    description_en: row.description_en,
    description_ko: row.description_ko,
    services: row.services,
    expertise: row.expertise as ListingDraftData["expertise"],
    industries: row.industries as ListingDraftData["industries"],
    regions: row.regions as ListingDraftData["regions"],
    languages: row.languages as ListingDraftData["languages"],
    contact_email: row.contact_email,
    phone: row.phone,
    website: row.website,
    primary_locale: row.primary_locale === "ko" ? "ko" : "en",
  };
}

async function loadPartner(db: Database, partnerId: string) {
  return db
    .selectFrom("partners")
    .select(["id", "slug", "name", "status", "agreement_signed_at"])
    .where("id", "=", partnerId)
    .executeTakeFirstOrThrow();
}

/** Services must exist in the catalog and be active; anything else is a field error on "services". */
async function checkServices(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.selectFrom("services").select("id").where("id", "in", ids).where("active", "=", true).execute();
  if (rows.length !== ids.length) {
    throw new DomainError("VALIDATION_FAILED", "unknown or inactive service", { fields: { services: ["editor.error.serviceUnknown"] } });
  }
}

/** Everything the editor page needs; the draft falls back to the public listing, then to an empty one. */
export async function getEditorState(db: Database, actor: Actor): Promise<EditorState> {
  const access = await requirePartnerPermission(db, actor.userId, actor.partnerSlug, "listing.edit");
  return loadEditorState(db, access.partnerId);
}

async function loadEditorState(db: Database, partnerId: string): Promise<EditorState> {
  const partner = await loadPartner(db, partnerId);
  const draftRow = await db
    .selectFrom("listing_drafts as d")
    .leftJoin("users as u", "u.id", "d.updated_by")
    .select(["d.data", "d.version", "d.updated_at", "u.display_name"])
    .where("d.partner_id", "=", partnerId)
    .executeTakeFirst();
  const listing = await loadListing(db, partnerId);
  const logo = await db.selectFrom("listing_logos").select("partner_id").where("partner_id", "=", partnerId).executeTakeFirst();

  const draft = draftRow
    ? normalizeDraft(draftRow.data, partner.name)
    : listing
      ? listingAsDraft(listing)
      : normalizeDraft(null, partner.name);
  const published = listing?.status === "published";
  return {
    partner: {
      id: partner.id,
      slug: partner.slug,
      name: partner.name,
      status: partner.status as PartnerAccess["status"],
      agreementSignedAt: partner.agreement_signed_at,
    },
    draft,
    version: draftRow?.version ?? 0,
    draftUpdatedAt: draftRow?.updated_at ?? null,
    draftUpdatedBy: draftRow?.display_name ?? null,
    listing: listing
      ? {
          id: listing.id,
          slug: listing.slug,
          status: listing.status as ListingStatus,
          publishedAt: listing.published_at,
          version: listing.version,
        }
      : null,
    unpublishedChanges: published ? changedFields(listingAsDraft(listing), draft) : [],
    hasLogo: Boolean(logo),
  };
}

export interface SaveResult {
  version: number;
  changedFields: DraftField[];
}

/**
 * Saves the draft if nobody saved since `expectedVersion` (else STALE_VERSION, nothing written).
 * A published listing is not touched: its changes wait for the next publish.
 */
export async function saveDraft(
  db: Database,
  input: { actor: Actor; expectedVersion: number; data: unknown },
): Promise<SaveResult> {
  const parsed = ListingDraftSchema.safeParse(input.data);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
    throw new DomainError("VALIDATION_FAILED", "invalid listing draft", { fields });
  }
  const data = parsed.data;
  return db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, input.actor.userId, input.actor.partnerSlug, "listing.edit");
    await checkServices(trx, data.services);
    // The row lock serializes concurrent saves: the second one sees the first one's version and is refused.
    const current = await trx
      .selectFrom("listing_drafts")
      .select(["data", "version"])
      .where("partner_id", "=", access.partnerId)
      .forUpdate()
      .executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) {
      throw new DomainError("STALE_VERSION", `draft is at version ${currentVersion}, not ${input.expectedVersion}`);
    }

    let before: ListingDraftData | null = current ? normalizeDraft(current.data, access.name) : null;
    if (!before) {
      const listing = await loadListing(trx, access.partnerId);
      before = listing ? listingAsDraft(listing) : null;
    }
    const changed = changedFields(before, data);
    if (current && changed.length === 0) return { version: currentVersion, changedFields: [] };

    let version: number;
    if (current) {
      const row = await trx
        .updateTable("listing_drafts")
        .set({ data: JSON.stringify(data), version: sql<number>`version + 1`, updated_by: input.actor.userId, updated_at: sql`now()` })
        .where("partner_id", "=", access.partnerId)
        .where("version", "=", input.expectedVersion)
        .returning("version")
        .executeTakeFirstOrThrow();
      version = row.version;
    } else {
      // Two first saves at once: the loser's insert does nothing and it is told the draft moved on.
      const row = await trx
        .insertInto("listing_drafts")
        .values({ partner_id: access.partnerId, data: JSON.stringify(data), version: 1, updated_by: input.actor.userId })
        .onConflict((oc) => oc.column("partner_id").doNothing())
        .returning("version")
        .executeTakeFirst();
      if (!row) throw new DomainError("STALE_VERSION", "draft was created meanwhile");
      version = row.version;
    }
    await recordRevision(trx, {
      partnerId: access.partnerId,
      action: "saved",
      actorUserId: input.actor.userId,
      changedFields: changed,
      snapshot: data,
    });
    return { version, changedFields: changed };
  });
}

export interface PublishResult {
  listingId: string;
  slug: string;
  version: number;
}

/** What stops this organization from publishing (R1), or null when it may. */
export function publishBlocker(status: PartnerAccess["status"]): "pending" | "rejected" | "suspended" | null {
  return status === "authorized" ? null : status;
}

/**
 * Publishes the draft (R1: authorized organizations only): listing row and services, revision, audit and
 * search sync in one transaction. `expectedVersion` guards against publishing a draft someone changed meanwhile.
 */
export async function publishListing(
  db: Database,
  input: { actor: Actor; expectedVersion?: number; now?: Date },
): Promise<PublishResult> {
  return db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, input.actor.userId, input.actor.partnerSlug, "listing.publish");
    // Locking the partner row orders this against an operator suspending it right now.
    const partner = await trx
      .selectFrom("partners")
      .select(["id", "slug", "status"])
      .where("id", "=", access.partnerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (partner.status !== "authorized") {
      throw new DomainError("PARTNER_NOT_AUTHORIZED", `partner is ${partner.status}`);
    }
    const draftRow = await trx
      .selectFrom("listing_drafts")
      .select(["data", "version"])
      .where("partner_id", "=", partner.id)
      .forUpdate()
      .executeTakeFirst();
    if (input.expectedVersion !== undefined && (draftRow?.version ?? 0) !== input.expectedVersion) {
      throw new DomainError("STALE_VERSION", "draft changed since it was loaded");
    }
    const existing = await loadListing(trx, partner.id);
    const source = draftRow ? normalizeDraft(draftRow.data, access.name) : existing ? listingAsDraft(existing) : null;
    if (!source) throw new DomainError("VALIDATION_FAILED", "nothing to publish", { fields: { _form: ["editor.error.nothingToPublish"] } });
    // The draft was valid when saved, but the catalog or the rules may have moved since.
    const parsed = ListingDraftSchema.safeParse(source);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
      throw new DomainError("VALIDATION_FAILED", "draft is not publishable", { fields });
    }
    const data = parsed.data;
    await checkServices(trx, data.services);

    const now = input.now ?? new Date();
    const columns = {
      name: data.name,
      headline_en: data.headline_en,
      headline_ko: data.headline_ko,
      description_en: data.description_en,
      description_ko: data.description_ko,
      expertise: data.expertise,
      industries: data.industries,
      regions: data.regions,
      languages: data.languages,
      contact_email: data.contact_email,
      phone: data.phone,
      website: data.website,
      primary_locale: data.primary_locale,
      status: "published" as const,
      published_at: now,
      updated_at: now,
    };
    const listing = existing
      ? await trx
          .updateTable("listings")
          .set({ ...columns, version: sql<number>`version + 1` })
          .where("id", "=", existing.id)
          .returning(["id", "slug", "version"])
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto("listings")
          .values({ ...columns, partner_id: partner.id, slug: partner.slug, created_at: now })
          .returning(["id", "slug", "version"])
          .executeTakeFirstOrThrow();

    await trx.deleteFrom("listing_services").where("listing_id", "=", listing.id).execute();
    if (data.services.length > 0) {
      await trx
        .insertInto("listing_services")
        .values(data.services.map((service_id) => ({ listing_id: listing.id, service_id })))
        .execute();
    }
    const changed = existing?.status === "published" ? changedFields(listingAsDraft(existing), data) : changedFields(null, data);
    await recordRevision(trx, {
      partnerId: partner.id,
      action: "published",
      actorUserId: input.actor.userId,
      changedFields: changed,
      snapshot: data,
    });
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "listing.published",
      subjectType: "listing",
      subjectId: listing.id,
      data: { partnerId: partner.id, version: listing.version, changedFields: changed },
    });
    await enqueueListingSync(trx, [listing.id]);
    return { listingId: listing.id, slug: listing.slug, version: listing.version };
  });
}

/** Takes the listing off the marketplace (and out of search); the draft stays. */
export async function unpublishListing(db: Database, input: { actor: Actor; now?: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const access = await requirePartnerPermission(trx, input.actor.userId, input.actor.partnerSlug, "listing.publish");
    const listing = await trx
      .selectFrom("listings")
      .select(["id", "status"])
      .where("partner_id", "=", access.partnerId)
      .forUpdate()
      .executeTakeFirst();
    if (!listing || listing.status !== "published") {
      throw new DomainError("CONFLICT", "listing is not published", { fields: { _form: ["editor.error.notPublished"] } });
    }
    const now = input.now ?? new Date();
    await trx
      .updateTable("listings")
      .set({ status: "unpublished", updated_at: now, version: sql<number>`version + 1` })
      .where("id", "=", listing.id)
      .execute();
    const current = await loadListing(trx, access.partnerId);
    await recordRevision(trx, {
      partnerId: access.partnerId,
      action: "unpublished",
      actorUserId: input.actor.userId,
      changedFields: [],
      snapshot: current ? listingAsDraft(current) : {},
    });
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "listing.unpublished",
      subjectType: "listing",
      subjectId: listing.id,
      data: { partnerId: access.partnerId },
    });
    await enqueueListingSync(trx, [listing.id]);
  });
}

/** The organization's revisions, newest first, with who made each. */
export async function listRevisions(db: Database, actor: Actor, options: { limit?: number } = {}): Promise<RevisionEntry[]> {
  const access = await requirePartnerPermission(db, actor.userId, actor.partnerSlug, "listing.edit");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 500);
  const rows = await db
    .selectFrom("listing_revisions as r")
    .leftJoin("users as u", "u.id", "r.actor_user_id")
    .select(["r.id", "r.action", "r.changed_fields", "r.reason", "r.created_at", "u.display_name", "u.email"])
    .where("r.partner_id", "=", access.partnerId)
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action as RevisionEntry["action"],
    actorName: r.display_name,
    actorEmail: r.email,
    changedFields: r.changed_fields,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

const other = (locale: ListingLocale): ListingLocale => (locale === "en" ? "ko" : "en");
const present = (s: string | null | undefined): s is string => typeof s === "string" && s.trim() !== "";

/**
 * The draft in the exact shape of getPublicListingBySlug, so the preview renders through the same component:
 * same language fallback, same active-services filter, same verified programs (R3), rating from the live listing.
 */
export async function getDraftPreview(
  db: Database,
  actor: Actor,
  locale: ListingLocale,
  state?: EditorState,
): Promise<PublicListing> {
  const s = state ?? (await getEditorState(db, actor));
  const d = s.draft;
  const pick = (field: "headline" | "description") => {
    const mine = d[`${field}_${locale}`];
    const theirs = d[`${field}_${other(locale)}`];
    if (present(mine)) return { text: mine.trim(), locale };
    if (present(theirs)) return { text: theirs.trim(), locale: other(locale) };
    return { text: null, locale: null };
  };
  const services: ServiceRef[] =
    d.services.length === 0
      ? []
      : await db
          .selectFrom("services")
          .select(["id", locale === "ko" ? "name_ko as name" : "name_en as name"])
          .where("id", "in", d.services)
          .where("active", "=", true)
          .orderBy("sort_order")
          .orderBy("id")
          .execute();
  const programRows = await db
    .selectFrom("partner_programs")
    .select("program")
    .where("partner_id", "=", s.partner.id)
    .where("status", "=", "verified")
    .execute();
  const rank = (id: string) => {
    const i = PROGRAMS.findIndex((p) => p.id === id);
    return i === -1 ? PROGRAMS.length : i;
  };
  const programs = programRows.map((p) => p.program).sort((a, b) => rank(a) - rank(b));
  const live = s.listing
    ? await db.selectFrom("listings").select(["rating", "review_count"]).where("id", "=", s.listing.id).executeTakeFirst()
    : undefined;
  const headline = pick("headline");
  const description = pick("description");
  return {
    slug: s.listing?.slug ?? s.partner.slug,
    name: d.name,
    headline: headline.text ?? "",
    headlineLocale: headline.locale ?? locale,
    description: description.text,
    descriptionLocale: description.locale,
    services,
    expertise: d.expertise,
    industries: d.industries,
    regions: d.regions,
    languages: d.languages,
    programs,
    delegatedAdmin: programs.length > 0,
    contactEmail: d.contact_email,
    website: d.website,
    rating: live?.rating ?? null,
    reviewCount: live?.review_count ?? 0,
    updatedAt: s.draftUpdatedAt ?? new Date(),
    primaryLocale: d.primary_locale,
  };
}

/** The active catalog for the services checkboxes, in catalog order. */
export async function listActiveServices(db: Database, locale: ListingLocale): Promise<ServiceRef[]> {
  return db
    .selectFrom("services")
    .select(["id", locale === "ko" ? "name_ko as name" : "name_en as name"])
    .where("active", "=", true)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}
