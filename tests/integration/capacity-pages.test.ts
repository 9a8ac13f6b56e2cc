// The issue-5 pages rendered by Astro (dev server, in this process) over real Postgres: a member's own notification
// settings and the owners'/admins' capacity pause (POST → 303, labelled checkboxes, no JS), and the public listing
// replacing its trial form by "not accepting new customers right now" (both languages) and showing the response time.
import { beforeAll, describe, expect, it } from "vitest";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { useDevSite } from "../setup/dev-site.ts";
import { addMember, createUser } from "./portal-helpers.ts";

describe("notification settings and capacity pages (issue 5)", () => {
  const t = useTestDatabase();
  let listing: Awaited<ReturnType<typeof createListing>>;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let member: Awaited<ReturnType<typeof createUser>>;
  let outsider: Awaited<ReturnType<typeof createUser>>;
  const site = useDevSite(t);
  const get = (path: string, userId?: string) => site.get(path, { userId });
  const post = (path: string, form: Record<string, string>, userId?: string) => site.post(path, form, { userId });
  const prefsOf = (userId: string) =>
    t.db
      .selectFrom("partner_members")
      .select(["notify_new_leads", "notify_digest"])
      .where("partner_id", "=", listing.partnerId)
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    listing = await createListing(t.db, { name: "Capacity Partner", services: ["mail"] });
    await t.db.updateTable("partners").set({ response_time_minutes: 150, response_samples: 8 }).where("id", "=", listing.partnerId).execute();
    owner = await createUser(t.db);
    member = await createUser(t.db);
    outsider = await createUser(t.db);
    await addMember(t.db, listing.partnerId, owner.id, "owner");
    await addMember(t.db, listing.partnerId, member.id, "member");
  });

  const settings = () => `/portal/${listing.slug}/notifications`;

  it("shows a member their own preferences as labelled checkboxes, without the pause form; outsiders get 404", async () => {
    const page = await get(settings(), member.id);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<input[^>]*type="checkbox"[^>]*id="notify-newLeads"[^>]*checked/);
    expect(page.html).toMatch(/<label[^>]*for="notify-newLeads"[^>]*>Email me about each new lead</);
    expect(page.html).toMatch(/<label[^>]*for="notify-digest"[^>]*>/);
    expect(page.html).not.toContain('data-testid="capacity-form"');
    expect(page.html).toContain("Only owners and admins can change this.");
    expect(page.html).toContain("Customers see “Typically responds within 3 hours”");
    expect((await get(settings(), outsider.id)).status).toBe(404);
    const ko = await get(`/ko${settings()}`, member.id);
    expect(ko.status).toBe(200);
    expect(ko.html).toContain("새 리드가 들어올 때마다 이메일 받기");
  });

  it("saves a member's own opt-out with POST → 303 (an unticked box is off)", async () => {
    const saved = await post(settings(), { _action: "preferences", digest: "on" }, member.id);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${settings()}?done=preferences`);
    expect(await prefsOf(member.id)).toEqual({ notify_new_leads: false, notify_digest: true });
    expect(await prefsOf(owner.id)).toEqual({ notify_new_leads: true, notify_digest: true });
    const after = await get(`${settings()}?done=preferences`, member.id);
    expect(after.html).toContain("Your notification settings were saved.");
    expect(after.html).not.toMatch(/id="notify-newLeads"[^>]*checked/);
  });

  it("refuses the pause to a plain member (403) and to outsiders (404)", async () => {
    expect((await post(settings(), { _action: "capacity", paused: "on" }, member.id)).status).toBe(403);
    expect((await post(settings(), { _action: "capacity", paused: "on" }, outsider.id)).status).toBe(404);
    const row = await t.db.selectFrom("partners").select("accepting_requests").where("id", "=", listing.partnerId).executeTakeFirstOrThrow();
    expect(row.accepting_requests).toBe(true);
  });

  it("the listing shows the form and the response time while accepting", async () => {
    const page = await get(`/partners/${listing.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="seats"');
    expect(page.html).toMatch(/data-testid="response-time"[^>]*>Typically responds within 3 hours</);
    expect(page.html).not.toContain('data-testid="trial-paused"');
  });

  it("an owner's pause replaces the listing's form by the message (en, ko); a late POST is refused, nothing stored", async () => {
    const paused = await post(settings(), { _action: "capacity", paused: "on" }, owner.id);
    expect(paused.status).toBe(303);
    expect(paused.location).toBe(`${settings()}?done=paused`);

    const page = await get(`/partners/${listing.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-testid="trial-paused"');
    expect(page.html).toContain("Capacity Partner isn&#39;t accepting new customers right now.");
    expect(page.html).not.toContain('name="seats"');
    expect(page.html).toContain("/partners?acceptingRequests=true");
    const ko = await get(`/ko/partners/${listing.slug}`);
    expect(ko.html).toContain("지금 신규 고객을 받지 않습니다");
    expect(ko.html).not.toContain('name="seats"');

    // A customer who opened the form before the pause: told plainly, nothing stored or sent.
    const email = "late@customer.example";
    const late = await post(`/partners/${listing.slug}`, {
      name: "Late Customer", email, company: "Late Co", companySize: "1-9", country: "KR", services: "mail", seats: "2", message: "", website: "",
    });
    expect(late.status).toBe(409);
    expect(late.html).toContain("stopped accepting new customers while you were filling in the form");
    expect(await t.db.selectFrom("trial_requests").select("id").where("contact_email", "=", email).execute()).toHaveLength(0);

    // The search page (Postgres answers here: no Meilisearch configured) offers both filters with their counts.
    const other = await createListing(t.db, { name: "Open Partner", services: ["mail"] });
    const search = await get("/partners");
    expect(search.html).toMatch(/<legend[^>]*>Availability<\/legend>/);
    expect(search.html).toMatch(/id="f-acceptingRequests-true"[^>]*>[\s\S]*?Accepting new customers[\s\S]*?>1</);
    expect(search.html).toMatch(/id="f-respondsWithin24h-true"[^>]*>[\s\S]*?Responds within 24 hours[\s\S]*?>1</);
    expect(search.html).toContain("Not accepting new customers right now");
    const filtered = await get("/partners?acceptingRequests=true");
    expect(filtered.html).toContain(`/partners/${other.slug}`);
    expect(filtered.html).not.toContain(`/partners/${listing.slug}"`);
    expect(filtered.html).toContain('aria-label="Remove filter: Accepting new customers"');

    const state = await get(settings(), owner.id);
    expect(state.html).toMatch(/id="capacity-paused"[^>]*checked/);
    expect(state.html).toContain("New trial requests are paused since");

    const resumed = await post(settings(), { _action: "capacity" }, owner.id);
    expect(resumed.location).toBe(`${settings()}?done=resumed`);
    expect((await get(`/partners/${listing.slug}`)).html).toContain('name="seats"');
  });
});
