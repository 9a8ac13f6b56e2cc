// The public listings (R1: published, partner authorized) as the sitemap needs them: slug and last change.
import { sql } from "kysely";
import type { Database } from "../../../db/client.ts";
import { publicListings } from "../search/repository.ts";

export interface SitemapListing {
  slug: string;
  /** The later of the listing's and its partner's last change (programs and status show on the page too). */
  lastModified: Date;
}

export async function countSitemapListings(db: Database): Promise<number> {
  const row = await publicListings(db).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of public listings in slug order (stable across requests, so sitemap files don't reshuffle). */
export async function listSitemapListings(
  db: Database,
  options: { offset?: number; limit: number },
): Promise<SitemapListing[]> {
  const rows = await publicListings(db)
    .select(["l.slug", sql<Date>`greatest(l.updated_at, p.updated_at)`.as("last_modified")])
    .orderBy("l.slug")
    .offset(options.offset ?? 0)
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ slug: row.slug, lastModified: row.last_modified }));
}
