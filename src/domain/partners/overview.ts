// The portal's overview of one organization: its status (R1), agreement, programs (R3) and what they unlock.
import type { PortalActor } from "./members.ts";
import { requirePartnerPermission, type PartnerAccess } from "./membership.ts";
import { loadEnrollments, type Enrollment } from "./programs.ts";

export interface PartnerOverview {
  access: PartnerAccess;
  statusReason: string | null;
  agreementSignedAt: Date | null;
  authorizedAt: Date | null;
  enrollments: Enrollment[];
  listingStatus: "none" | "draft" | "published" | "unpublished";
  unlocks: {
    /** R1: only an authorized organization publishes a listing and receives leads. */
    publishListing: boolean;
    receiveLeads: boolean;
    /** R3: a verified enrollment in any program allows delegated administration. */
    delegatedAdmin: boolean;
  };
}

export async function getOverview(actor: PortalActor, partnerSlug: string): Promise<PartnerOverview> {
  const { db } = actor;
  const access = await requirePartnerPermission(db, actor.userId, partnerSlug, "org.view");
  const partner = await db
    .selectFrom("partners as p")
    .leftJoin("listings as l", "l.partner_id", "p.id")
    .select(["p.status_reason", "p.agreement_signed_at", "p.authorized_at", "l.status as listing_status"])
    .where("p.id", "=", access.partnerId)
    .executeTakeFirstOrThrow();
  const enrollments = await loadEnrollments(db, access.partnerId);
  const authorized = access.status === "authorized";
  return {
    access,
    statusReason: partner.status_reason,
    agreementSignedAt: partner.agreement_signed_at ? new Date(partner.agreement_signed_at) : null,
    authorizedAt: partner.authorized_at ? new Date(partner.authorized_at) : null,
    enrollments,
    listingStatus: (partner.listing_status ?? "none") as PartnerOverview["listingStatus"],
    unlocks: {
      publishListing: authorized,
      receiveLeads: authorized,
      delegatedAdmin: enrollments.some((e) => e.status === "verified"),
    },
  };
}
