// Row shapes of the demo data: plain objects, one per table row, typed from the generated schema types.
import type { Selectable } from "kysely";
import type {
  LeadEvents,
  Leads,
  ListingServices,
  Listings,
  PartnerMembers,
  PartnerPrograms,
  Partners,
  TenantMembers,
  Tenants,
  Users,
} from "../types.ts";
import type { OfferRow, OfferServiceRow, ServiceRow } from "./catalog.ts";
import type { Random } from "./random.ts";

/** The password hash is added by the seeder, so the generator stays pure and fast. */
export type UserRow = Omit<Selectable<Users>, "password_hash" | "password_changed_at">;
/** Issue 5's capacity and response-time columns keep their defaults; the seeder computes response times. */
export type PartnerRow = Omit<
  Selectable<Partners>,
  "accepting_requests" | "paused_at" | "response_time_minutes" | "response_samples" | "response_time_computed_at"
>;
/** Notification preferences keep their defaults (everyone gets mail). */
export type PartnerMemberRow = Omit<Selectable<PartnerMembers>, "notify_new_leads" | "notify_digest">;
/** Demo enrollments carry no operator reason. */
export type PartnerProgramRow = Omit<Selectable<PartnerPrograms>, "decision_reason">;
export type ListingRow = Selectable<Listings>;
export type ListingServiceRow = Selectable<ListingServices>;
export type TenantRow = Selectable<Tenants>;
export type TenantMemberRow = Selectable<TenantMembers>;
export type LeadRow = Selectable<Leads>;
/** The id is a bigserial: insertion order is timeline order. */
export type LeadEventRow = Omit<Selectable<LeadEvents>, "id">;

/** Every table's rows, in foreign-key order. */
export interface DemoData {
  services: ServiceRow[];
  offers: OfferRow[];
  offer_services: OfferServiceRow[];
  users: UserRow[];
  partners: PartnerRow[];
  partner_members: PartnerMemberRow[];
  partner_programs: PartnerProgramRow[];
  listings: ListingRow[];
  listing_services: ListingServiceRow[];
  tenants: TenantRow[];
  tenant_members: TenantMemberRow[];
  leads: LeadRow[];
  lead_events: LeadEventRow[];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function plus(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** A random minute between `from` and `to` (`from` when the span is empty). */
export function between(rng: Random, from: Date, to: Date): Date {
  const span = Math.floor((to.getTime() - from.getTime()) / MINUTE);
  return span <= 0 ? from : plus(from, rng.int(0, span) * MINUTE);
}

/** ASCII letters and digits only ("Müller" → "muller"), for email local parts. */
export function asciiWord(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** A slug matching the schema's ^[a-z0-9]+(-[a-z0-9]+)*$ ("J&C Tech" → "j-and-c-tech"). */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
