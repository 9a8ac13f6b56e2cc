// Small builders for test rows: each test states only what matters to it.
import { randomBytes } from "node:crypto";
import type { Database } from "../db/client.ts";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

export async function createService(db: Database, id: string, names: { en: string; ko: string }) {
  await db
    .insertInto("services")
    .values({ id, category: "productivity", name_en: names.en, name_ko: names.ko })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return id;
}

export interface ListingSpec {
  name?: string;
  partnerStatus?: "pending" | "authorized" | "rejected" | "suspended";
  listingStatus?: "draft" | "published" | "unpublished";
  primaryLocale?: "en" | "ko";
  headlineEn?: string | null;
  headlineKo?: string | null;
  descriptionEn?: string | null;
  descriptionKo?: string | null;
  services?: string[];
  expertise?: string[];
  industries?: string[];
  regions?: string[];
  languages?: string[];
  programs?: Array<{ program: "cloud_essentials" | "cloud_accelerate" | "cloud_deployment"; status: "submitted" | "verified" | "rejected" }>;
  rating?: number | null;
  reviewCount?: number;
}

/** A partner with its listing (published and authorized unless told otherwise). */
export async function createListing(db: Database, spec: ListingSpec = {}) {
  const slug = `p-${unique()}`;
  const name = spec.name ?? `Partner ${slug}`;
  const partner = await db
    .insertInto("partners")
    .values({ slug, name, status: spec.partnerStatus ?? "authorized" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const listing = await db
    .insertInto("listings")
    .values({
      partner_id: partner.id,
      slug,
      name,
      status: spec.listingStatus ?? "published",
      primary_locale: spec.primaryLocale ?? "en",
      headline_en: spec.headlineEn === undefined ? `${name} helps you` : spec.headlineEn,
      headline_ko: spec.headlineKo ?? null,
      description_en: spec.descriptionEn ?? null,
      description_ko: spec.descriptionKo ?? null,
      expertise: spec.expertise ?? [],
      industries: spec.industries ?? [],
      regions: spec.regions ?? [],
      languages: spec.languages ?? ["en"],
      rating: spec.rating ?? null,
      review_count: spec.reviewCount ?? 0,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  if (spec.services?.length) {
    await db.insertInto("listing_services").values(spec.services.map((service_id) => ({ listing_id: listing.id, service_id }))).execute();
  }
  if (spec.programs?.length) {
    await db.insertInto("partner_programs").values(spec.programs.map((p) => ({ partner_id: partner.id, ...p }))).execute();
  }
  return { partnerId: partner.id, listingId: listing.id, slug: listing.slug, name };
}

export interface LeadSpec {
  company?: string;
  name?: string;
  email?: string;
  country?: string;
  services?: string[];
  message?: string;
  status?: string;
  lostReason?: string | null;
  assignee?: string | null;
  /** When the request arrived; also its confirmation time unless `confirmedAt` says otherwise. */
  createdAt?: Date;
  /** When the customer confirmed; also the creation time unless `createdAt` says otherwise. Default: now. */
  confirmedAt?: Date;
}

/** A confirmed lead of `partnerId`, inserted directly (the trial-request flow has its own tests). */
export async function createLead(db: Database, partnerId: string, spec: LeadSpec = {}): Promise<string> {
  const createdAt = spec.createdAt ?? spec.confirmedAt;
  const row = await db
    .insertInto("leads")
    .values({
      partner_id: partnerId,
      contact_name: spec.name ?? "Kim Min-jun",
      contact_email: spec.email ?? "minjun@acme.example",
      company: spec.company ?? "Acme",
      company_size: "10-49",
      country: spec.country ?? "KR",
      services: spec.services ?? [],
      message: spec.message ?? "",
      seats: 12,
      status: spec.status ?? "new",
      lost_reason: spec.lostReason ?? null,
      assignee_user_id: spec.assignee ?? null,
      confirmed_at: spec.confirmedAt ?? spec.createdAt ?? new Date(),
      ...(createdAt ? { created_at: createdAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
