// Reads the trial-request flow needs: the public listing a request is made on, and the partner's certification (R1, R3, R10).
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { publicListings } from "../search/repository.ts";

export interface RequestableListing {
  listingId: string;
  listingSlug: string;
  partnerId: string;
  partnerSlug: string;
  partnerName: string;
  /** Active catalog services the listing offers, with their names. */
  services: Array<{ id: string; nameEn: string; nameKo: string }>;
  /** R3: a verified enrollment in at least one program. */
  delegatedAdminCertified: boolean;
  /** False while the partner has paused new requests (capacity). */
  acceptingRequests: boolean;
}

/** The listing, if the public can see it (published, partner authorized: R1/R10); undefined otherwise. */
export async function findRequestableListing(db: Database, listingSlug: string): Promise<RequestableListing | undefined> {
  const row = await publicListings(db)
    .select((eb) => [
      "l.id as listingId",
      "l.slug as listingSlug",
      "p.id as partnerId",
      "p.slug as partnerSlug",
      "p.name as partnerName",
      "p.accepting_requests as acceptingRequests",
      eb
        .exists(
          eb
            .selectFrom("partner_programs as pp")
            .select(sql`1`.as("one"))
            .whereRef("pp.partner_id", "=", "p.id")
            .where("pp.status", "=", "verified"),
        )
        .as("delegatedAdminCertified"),
    ])
    .where("l.slug", "=", listingSlug)
    .executeTakeFirst();
  if (!row) return undefined;
  const services = await db
    .selectFrom("listing_services as ls")
    .innerJoin("services as s", "s.id", "ls.service_id")
    .select(["s.id", "s.name_en as nameEn", "s.name_ko as nameKo"])
    .where("ls.listing_id", "=", row.listingId)
    .where("s.active", "=", true)
    .orderBy("s.sort_order")
    .orderBy("s.id")
    .execute();
  return { ...row, delegatedAdminCertified: Boolean(row.delegatedAdminCertified), services };
}
