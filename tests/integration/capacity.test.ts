// Capacity pause (issue 5): owners and admins pause new trial requests; a paused partner refuses new ones (nothing
// stored, nothing sent) while requests already in flight still become leads; the toggle is audited and re-syncs
// search, and the "Accepting new customers" filter agrees between Meilisearch, the fallback and SQL (R10).
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { reindexAll } from "../../search/indexer.ts";
import { searchWithPostgres } from "../../search/fallback.ts";
import { resetSearchBreaker, searchListings } from "../../search/search.ts";
import { getListingAvailability, setAcceptingRequests } from "../../src/domain/leads/capacity.ts";
import { confirmTrialRequest, submitTrialRequest } from "../../src/domain/leads/trial-requests.ts";
import { SearchQuerySchema } from "../../src/domain/search/query.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";
import { baseUrl, mailsTo, submitRequest } from "./lead-notifications-helpers.ts";
import { addMember, auditActions, createUser, expectCode } from "./portal-helpers.ts";

describe("capacity pause (issue 5)", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  let listing: Awaited<ReturnType<typeof createListing>>;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let admin: Awaited<ReturnType<typeof createUser>>;
  let member: Awaited<ReturnType<typeof createUser>>;

  const syncJobs = async (listingId: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where key = ${`search:listing:${listingId}`}`.execute(t.db))
      .rows[0]!.n;
  const clearSyncJobs = () =>
    sql`select graphile_worker.complete_jobs(array(select id from graphile_worker.jobs where key like 'search:listing:%'))`.execute(t.db);

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    listing = await createListing(t.db, { name: "Busy Partner", services: ["mail"] });
    owner = await createUser(t.db);
    admin = await createUser(t.db);
    member = await createUser(t.db);
    await addMember(t.db, listing.partnerId, owner.id, "owner");
    await addMember(t.db, listing.partnerId, admin.id, "admin");
    await addMember(t.db, listing.partnerId, member.id, "member");
  });

  it("only owners and admins may pause (org.manage); other organizations' members don't see it", async () => {
    await expectCode(setAcceptingRequests({ db: t.db, userId: member.id }, listing.slug, false), "FORBIDDEN");
    await expectCode(setAcceptingRequests({ db: t.db, userId: (await createUser(t.db)).id }, listing.slug, false), "NOT_FOUND");
    expect(await getListingAvailability(t.db, listing.slug)).toEqual({ acceptingRequests: true, responseTimeMinutes: null });
  });

  it("a pending request survives the pause and confirms into a lead; new requests are refused with nothing stored", async () => {
    const pending = await submitRequest(t.db, listing.slug);
    await clearSyncJobs();

    const at = new Date("2026-11-20T09:00:00Z");
    expect(await setAcceptingRequests({ db: t.db, userId: admin.id, now: at }, listing.slug, false)).toBe(true);
    const partner = await t.db.selectFrom("partners").select(["accepting_requests", "paused_at"]).where("id", "=", listing.partnerId).executeTakeFirstOrThrow();
    expect(partner).toEqual({ accepting_requests: false, paused_at: at });
    expect(await auditActions(t.db, listing.partnerId)).toEqual(["partner.requests_paused"]);
    // The listing's search document is refreshed by a job enqueued in the same transaction.
    expect(await syncJobs(listing.listingId)).toBe(1);
    // Pausing again changes nothing and logs nothing.
    expect(await setAcceptingRequests({ db: t.db, userId: owner.id }, listing.slug, false)).toBe(false);
    expect(await auditActions(t.db, listing.partnerId)).toEqual(["partner.requests_paused"]);

    const email = "refused@customer.example";
    const form = { name: "Bo", email, company: "Fabrikam", companySize: "1-9", country: "KR", services: ["mail"], seats: "3", message: "" };
    await expectCode(submitTrialRequest({ db: t.db, baseUrl }, { listingSlug: listing.slug, clientKey: "ip:9", locale: "en", form }), "NOT_ACCEPTING_REQUESTS");
    expect(await t.db.selectFrom("trial_requests").select("id").where("contact_email", "=", email).execute()).toHaveLength(0);
    expect(await mailsTo(t.db, email, "trial-request-confirm")).toHaveLength(0);

    // Nothing in flight is lost: the request made before the pause still becomes a lead, and members hear of it.
    const { leadId } = await confirmTrialRequest({ db: t.db, baseUrl }, pending.token);
    const lead = await t.db.selectFrom("leads").select(["partner_id", "status"]).where("id", "=", leadId).executeTakeFirstOrThrow();
    expect(lead).toEqual({ partner_id: listing.partnerId, status: "new" });
    expect((await mailsTo(t.db, owner.email, "lead-new")).filter((m) => m.text_body.includes(leadId))).toHaveLength(1);
    expect(await getListingAvailability(t.db, listing.slug)).toMatchObject({ acceptingRequests: false });
  });

  it("resuming takes requests again, audited and re-synced", async () => {
    await clearSyncJobs();
    expect(await setAcceptingRequests({ db: t.db, userId: owner.id }, listing.slug, true)).toBe(true);
    expect(await auditActions(t.db, listing.partnerId)).toEqual(["partner.requests_paused", "partner.requests_resumed"]);
    expect(await syncJobs(listing.listingId)).toBe(1);
    const partner = await t.db.selectFrom("partners").select(["accepting_requests", "paused_at"]).where("id", "=", listing.partnerId).executeTakeFirstOrThrow();
    expect(partner).toEqual({ accepting_requests: true, paused_at: null });
    const { token } = await submitRequest(t.db, listing.slug);
    expect(token).toMatch(/^[a-z2-7]+$/);
  });

  it("R10: 'Accepting new customers' returns the same partners and counts in Meilisearch and the fallback, equal to SQL", async () => {
    const paused = await createListing(t.db, { name: "Paused Partner", services: ["mail"] });
    const pausedOwner = await createUser(t.db);
    await addMember(t.db, paused.partnerId, pausedOwner.id, "owner");
    await setAcceptingRequests({ db: t.db, userId: pausedOwner.id }, paused.slug, false);
    await createListing(t.db, { name: "Open Partner", services: ["mail"], regions: ["KR"] });
    await reindexAll(t.db, s.client, s.prefix);
    resetSearchBreaker();

    const expected = await sql<{ slug: string }>`select l.slug from listings l join partners p on p.id = l.partner_id
      where l.status = 'published' and p.status = 'authorized' and p.accepting_requests order by l.slug`.execute(t.db);
    const deps = { db: t.db, meili: s.client, indexPrefix: s.prefix };
    const slugs = (r: { hits: Array<{ slug: string }> }) => r.hits.map((h) => h.slug).sort();
    for (const extra of [{}, { regions: ["KR"] }]) {
      const query = SearchQuerySchema.parse({ acceptingRequests: "1", hitsPerPage: 50, ...extra });
      const meili = await searchListings(deps, query);
      const pg = await searchWithPostgres(t.db, query);
      expect(meili.degraded).toBe(false);
      expect(slugs(pg)).toEqual(slugs(meili));
      expect(meili.facets).toEqual(pg.facets);
      expect(slugs(meili)).not.toContain(paused.slug);
      if (!("regions" in extra)) expect(slugs(meili)).toEqual(expected.rows.map((r) => r.slug));
    }
    const all = await searchListings(deps, SearchQuerySchema.parse({ hitsPerPage: 50 }));
    expect(all.facets.acceptingRequests).toEqual({ true: expected.rows.length });
    expect(all.total).toBe(expected.rows.length + 1);
    expect(all.hits.find((h) => h.slug === paused.slug)?.acceptingRequests).toBe(false);
  });
});
