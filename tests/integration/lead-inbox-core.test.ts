// The lead inbox core (issue 5): filters, sorts, cursor pages, assignment, notes, API-key actors, tenant isolation (R10).
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  addLeadNote,
  assignLead,
  changeLeadStatus,
  getLead,
  getPartnerLead,
  listLeads,
  listPartnerLeadsAfter,
  listPartnerLeadsPage,
  updateLead,
  updatePartnerLead,
  type PartnerScope,
} from "../../src/domain/leads/inbox.ts";
import { createLead, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { addMember, auditActions, createTeam, createUser, expectCode } from "./portal-helpers.ts";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("lead inbox core (issue 5)", () => {
  const t = useTestDatabase();

  async function fixture() {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    await createService(t.db, "teams", { en: "Teams", ko: "팀즈" });
    const a = await createTeam(t.db);
    const ids = {
      mailKr: await createLead(t.db, a.partner.id, { company: "Alpha Mail", country: "KR", services: ["mail"], createdAt: day("2026-01-10") }),
      teamsUs: await createLead(t.db, a.partner.id, { company: "Bravo Teams", country: "US", services: ["teams"], createdAt: day("2026-02-10") }),
      bothKr: await createLead(t.db, a.partner.id, {
        company: "charlie both",
        country: "KR",
        services: ["mail", "teams"],
        createdAt: day("2026-03-10"),
        assignee: a.member.id,
      }),
      jp: await createLead(t.db, a.partner.id, { company: "Delta", country: "JP", createdAt: day("2026-03-31"), status: "contacted", assignee: a.owner.id }),
    };
    return { a, ids, scope: { partnerId: a.partner.id, actor: { userId: a.owner.id } } satisfies PartnerScope };
  }

  it("filters by service, country, dates (inclusive UTC days), assignee and unassigned, each narrowing correctly", async () => {
    const { ids, scope, a } = await fixture();
    const ids_ = async (filter: Record<string, string>) => (await listPartnerLeadsPage(t.db, scope, filter)).leads.map((l) => l.id).sort();
    expect(await ids_({ serviceId: "mail" })).toEqual([ids.mailKr, ids.bothKr].sort());
    expect(await ids_({ serviceId: "teams" })).toEqual([ids.teamsUs, ids.bothKr].sort());
    expect(await ids_({ country: "kr" })).toEqual([ids.mailKr, ids.bothKr].sort());
    expect(await ids_({ createdFrom: "2026-02-10", createdTo: "2026-03-10" })).toEqual([ids.teamsUs, ids.bothKr].sort());
    expect(await ids_({ createdFrom: "2026-03-11" })).toEqual([ids.jp]);
    expect(await ids_({ createdTo: "2026-01-10" })).toEqual([ids.mailKr]);
    expect(await ids_({ createdFrom: "2026-03-10T12:00:01Z" })).toEqual([ids.jp]);
    expect(await ids_({ assignee: a.member.id })).toEqual([ids.bothKr]);
    expect(await ids_({ assignee: "unassigned" })).toEqual([ids.mailKr, ids.teamsUs].sort());
    expect(await ids_({ status: "contacted" })).toEqual([ids.jp]);
    expect(await ids_({ serviceId: "mail", country: "KR", assignee: "unassigned" })).toEqual([ids.mailKr]);
    expect(await ids_({ q: "CHARLIE" })).toEqual([ids.bothKr]);

    // Counts follow every filter but the status, so each tab tells what it would show.
    const page = await listPartnerLeadsPage(t.db, scope, { country: "KR", status: "contacted" });
    expect(page.counts.new).toBe(2);
    expect(page.counts.contacted).toBe(0);
    expect(page.total).toBe(2);
    expect(page.matching).toBe(0);
  });

  it("refuses invalid filters with field messages (the API's VALIDATION_FAILED)", async () => {
    const { scope } = await fixture();
    const error = await listPartnerLeadsAfter(t.db, scope, { createdFrom: "2026-02-30", country: "Korea", assignee: "bob", createdTo: "yesterday" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: {
        createdFrom: ["leads.inbox.error.dateInvalid"],
        createdTo: ["leads.inbox.error.dateInvalid"],
        country: ["leads.inbox.error.countryInvalid"],
        assignee: ["leads.inbox.error.assigneeInvalid"],
      },
    });
    const range = await listPartnerLeadsAfter(t.db, scope, { createdFrom: "2026-03-01", createdTo: "2026-02-01" }).catch((e: unknown) => e);
    expect(range).toMatchObject({ code: "VALIDATION_FAILED", fields: { createdTo: ["leads.inbox.error.dateRange"] } });
    await expectCode(listPartnerLeadsAfter(t.db, scope, { sort: "company" as never }), "VALIDATION_FAILED");
    await expectCode(listPartnerLeadsAfter(t.db, scope, { limit: 101 }), "VALIDATION_FAILED");
    // Empty query-string values mean "absent".
    expect((await listPartnerLeadsAfter(t.db, scope, { limit: "", cursor: "", status: "", country: "", sort: "" as never })).leads).toHaveLength(4);
  });

  it("sorts newest, oldest, by company (case-insensitive) and by pipeline stage", async () => {
    const { ids, scope } = await fixture();
    const order = async (sort: string) => (await listPartnerLeadsPage(t.db, scope, { sort: sort as never })).leads.map((l) => l.id);
    expect(await order("newest")).toEqual([ids.jp, ids.bothKr, ids.teamsUs, ids.mailKr]);
    expect(await order("oldest")).toEqual([ids.mailKr, ids.teamsUs, ids.bothKr, ids.jp]);
    expect(await order("company")).toEqual([ids.mailKr, ids.teamsUs, ids.bothKr, ids.jp]);
    expect((await order("status"))[3]).toBe(ids.jp);
  });

  it("offset pages follow the filters; a page past the end is empty", async () => {
    const { scope } = await fixture();
    const p1 = await listPartnerLeadsPage(t.db, scope, { pageSize: 3, page: 1 });
    const p2 = await listPartnerLeadsPage(t.db, scope, { pageSize: 3, page: 2 });
    expect(p1.leads).toHaveLength(3);
    expect(p2.leads).toHaveLength(1);
    expect(p1.totalPages).toBe(2);
    expect((await listPartnerLeadsPage(t.db, scope, { pageSize: 3, page: 5 })).leads).toEqual([]);
  });

  it("cursor pagination walks every lead exactly once, even with equal timestamps and a lead arriving mid-walk", async () => {
    const a = await createTeam(t.db);
    const scope = { partnerId: a.partner.id, actor: { userId: a.owner.id } };
    const same = new Date("2026-05-05T05:05:05.123Z");
    const all = new Set<string>();
    for (let i = 0; i < 17; i++) all.add(await createLead(t.db, a.partner.id, { company: `Co ${i}`, createdAt: i % 3 === 0 ? same : new Date(same.getTime() - i * 1000) }));
    // Microsecond timestamps must survive the cursor (a JS Date has only milliseconds).
    await sql`update leads set created_at = created_at + interval '456 microseconds' where company in ('Co 2', 'Co 3')`.execute(t.db);

    const walk = async (sort: "newest" | "oldest", during?: () => Promise<void>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listPartnerLeadsAfter(t.db, scope, { sort, limit: 4, cursor });
        seen.push(...page.leads.map((l) => l.id));
        if (pages === 1) await during?.();
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 50);
      return { seen, pages };
    };
    // A newer lead arriving mid-walk lands before the cursor: the walk neither repeats nor skips anything.
    const newest = await walk("newest", async () => {
      all.add(await createLead(t.db, a.partner.id, { company: "Late", createdAt: new Date("2027-01-01") }));
    });
    expect(newest.pages).toBe(5);
    expect(new Set(newest.seen).size).toBe(newest.seen.length);
    expect(newest.seen).toHaveLength(17);
    const oldest = await walk("oldest");
    expect(new Set(oldest.seen)).toEqual(all);
    expect(oldest.seen).toHaveLength(18);
    expect([...oldest.seen].reverse().slice(1)).toEqual(newest.seen);
    // Same order as the offset list.
    const offset = await listPartnerLeadsPage(t.db, scope, { sort: "oldest", pageSize: 100 });
    expect(offset.leads.map((l) => l.id)).toEqual(oldest.seen);
  });

  it("refuses a tampered, foreign-sort or garbage cursor with VALIDATION_FAILED on `cursor`", async () => {
    const a = await createTeam(t.db);
    const scope = { partnerId: a.partner.id, actor: { userId: a.owner.id } };
    for (let i = 0; i < 3; i++) await createLead(t.db, a.partner.id, { createdAt: new Date(Date.now() - i * 1000) });
    const { nextCursor } = await listPartnerLeadsAfter(t.db, scope, { limit: 1 });
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = JSON.parse(Buffer.from(nextCursor!, "base64url").toString()) as Record<string, unknown>;
    const forge = (p: Record<string, unknown>) => Buffer.from(JSON.stringify(p)).toString("base64url");
    const bad = [
      `${nextCursor!.slice(0, -2)}!!`,
      nextCursor!.slice(0, -3),
      "not-a-cursor",
      forge({ ...decoded, t: "1" }),
      forge({ ...decoded, i: "x'; drop table leads; --" }),
      forge({ ...decoded, extra: 1 }),
      forge({ ...decoded, t: -5 }),
    ];
    for (const cursor of bad) {
      const error = await listPartnerLeadsAfter(t.db, scope, { limit: 1, cursor }).catch((e: unknown) => e);
      expect(error, cursor).toMatchObject({ code: "VALIDATION_FAILED", fields: { cursor: ["leads.inbox.error.cursorInvalid"] } });
    }
    await expectCode(listPartnerLeadsAfter(t.db, scope, { limit: 1, cursor: nextCursor!, sort: "oldest" }), "VALIDATION_FAILED");
    // The genuine one still works.
    expect((await listPartnerLeadsAfter(t.db, scope, { limit: 1, cursor: nextCursor! })).leads).toHaveLength(1);
  });

  it("assigns only to current members of the same organization; a member of another org is refused (R10)", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.owner.id };
    const refused = await assignLead(t.db, actor, a.partner.slug, lead, b.member.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", fields: { assigneeUserId: ["leads.inbox.error.assigneeNotMember"] } });
    const stranger = await createUser(t.db);
    await expectCode(assignLead(t.db, actor, a.partner.slug, lead, stranger.id), "VALIDATION_FAILED");
    expect((await getLead(t.db, actor, a.partner.slug, lead)).lead.assignee).toBeNull();

    await assignLead(t.db, actor, a.partner.slug, lead, a.member.id);
    await assignLead(t.db, actor, a.partner.slug, lead, a.member.id); // unchanged: no second event
    await assignLead(t.db, actor, a.partner.slug, lead, a.admin.id);
    await assignLead(t.db, actor, a.partner.slug, lead, null);
    const { lead: detail } = await getLead(t.db, actor, a.partner.slug, lead);
    expect(detail.assignee).toBeNull();
    expect(detail.events.map((e) => [e.type, e.data.from, e.data.to, e.actorName])).toEqual([
      ["assigned", null, a.member.id, a.owner.name],
      ["assigned", a.member.id, a.admin.id, a.owner.name],
      ["assigned", a.admin.id, null, a.owner.name],
    ]);
    expect(detail.events[1]?.data).toMatchObject({ fromName: a.member.name, toName: a.admin.name });
    expect(await auditActions(t.db, lead)).toEqual(["lead.assigned", "lead.assigned", "lead.assigned"]);

    // A member who left can't be assigned any more.
    await t.db.deleteFrom("partner_members").where("user_id", "=", a.admin.id).execute();
    await expectCode(assignLead(t.db, actor, a.partner.slug, lead, a.admin.id), "VALIDATION_FAILED");
    await addMember(t.db, b.partner.id, a.member.id, "member"); // in two orgs: still assignable in A
    await assignLead(t.db, actor, a.partner.slug, lead, a.member.id);
  });

  it("notes appear on the timeline, verbatim (line breaks kept), with an event and an audit row; empty or too long refused", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    const text = "Called <b>Min-jun</b>.\nWants a demo on Tuesday — 화요일 데모 희망";
    await addLeadNote(t.db, actor, a.partner.slug, lead, `  ${text}  `);
    const { lead: detail } = await getLead(t.db, actor, a.partner.slug, lead);
    const note = detail.events.find((e) => e.type === "note_added");
    expect(note?.data).toEqual({ text });
    expect(note?.actor).toEqual({ kind: "user", userId: a.member.id, name: a.member.name });
    expect(await auditActions(t.db, lead)).toEqual(["lead.note_added"]);
    const empty = await addLeadNote(t.db, actor, a.partner.slug, lead, "   ").catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: "VALIDATION_FAILED", fields: { note: ["leads.inbox.error.noteRequired"] } });
    const long = await addLeadNote(t.db, actor, a.partner.slug, lead, "x".repeat(2001)).catch((e: unknown) => e);
    expect(long).toMatchObject({ code: "VALIDATION_FAILED", fields: { note: ["leads.inbox.error.noteTooLong"] } });
    await addLeadNote(t.db, actor, a.partner.slug, lead, "x".repeat(2000));
  });

  it("double submits: the same note form sent twice at once stores one note; the same status change sent again succeeds without a second event", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.member.id };
    const noteKey = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => addLeadNote(t.db, actor, a.partner.slug, lead, "Called back", noteKey)));
    expect(new Set(results.map((r) => r.noteEventId)).size).toBe(1);
    // Another form (another key) is another note.
    await addLeadNote(t.db, actor, a.partner.slug, lead, "Called back", randomUUID());
    const notes = async () => (await getLead(t.db, actor, a.partner.slug, lead)).lead.events.filter((e) => e.type === "note_added");
    expect(await notes()).toHaveLength(2);

    const change = () => changeLeadStatus(t.db, actor, a.partner.slug, lead, { from: "new", to: "contacted" });
    const [first, second] = await Promise.all([change(), change()]);
    expect([first, second]).toEqual([{ from: "new", to: "contacted" }, { from: "new", to: "contacted" }]);
    const statusEvents = (await getLead(t.db, actor, a.partner.slug, lead)).lead.events.filter((e) => e.type === "status_changed");
    expect(statusEvents).toHaveLength(1);
    // A different change on the stale view is still a conflict.
    await expectCode(changeLeadStatus(t.db, actor, a.partner.slug, lead, { from: "new", to: "spam" }), "CONFLICT");
  });

  it("one update changes status, assignee and note in one transaction; a refused part writes nothing", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const actor = { userId: a.admin.id };
    await expectCode(updateLead(t.db, actor, a.partner.slug, lead, { status: "contacted", assigneeUserId: b.owner.id, note: "hi" }), "VALIDATION_FAILED");
    expect((await getLead(t.db, actor, a.partner.slug, lead)).lead.events).toEqual([]);
    expect(await auditActions(t.db, lead)).toEqual([]);
    const nothing = await updateLead(t.db, actor, a.partner.slug, lead, {}).catch((e: unknown) => e);
    expect(nothing).toMatchObject({ code: "VALIDATION_FAILED", fields: { _form: ["leads.inbox.error.nothingToChange"] } });

    const result = await updateLead(t.db, actor, a.partner.slug, lead, { from: "new", status: "contacted", assigneeUserId: a.member.id, note: "first call" });
    expect(result.status).toEqual({ from: "new", to: "contacted" });
    expect(result.assignee).toEqual({ from: null, to: a.member.id });
    expect(result.eventIds).toHaveLength(3);
    const { lead: detail } = await getLead(t.db, actor, a.partner.slug, lead);
    expect(detail.events.map((e) => e.type)).toEqual(["status_changed", "assigned", "note_added"]);
    expect(detail.firstResponseAt).not.toBeNull();
    expect(await auditActions(t.db, lead)).toEqual(["lead.status_changed", "lead.assigned", "lead.note_added"]);
    // A stale `from` is a conflict, even for a note.
    await expectCode(updateLead(t.db, actor, a.partner.slug, lead, { from: "new", note: "late" }), "CONFLICT");
  });

  it("an API key acts with no user: events and audit say so, and the timeline can name the key", async () => {
    const a = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const scope: PartnerScope = { partnerId: a.partner.id, actor: { userId: null, apiKeyId: "key-1", label: "CRM sync" } };
    await updatePartnerLead(t.db, scope, lead, { status: "contacted", note: "synced from CRM" });
    const detail = await getPartnerLead(t.db, scope, lead);
    expect(detail.events.map((e) => e.actor)).toEqual([
      { kind: "apiKey", apiKeyId: "key-1", label: "CRM sync" },
      { kind: "apiKey", apiKeyId: "key-1", label: "CRM sync" },
    ]);
    expect(detail.events[0]?.data).toEqual({ from: "new", to: "contacted", reason: null, via: "api", apiKeyId: "key-1", label: "CRM sync" });
    const audits = await t.db.selectFrom("audit_log").select(["actor_user_id", "data"]).where("subject_id", "=", lead).orderBy("id").execute();
    expect(audits.map((r) => r.actor_user_id)).toEqual([null, null]);
    expect(audits[0]?.data).toMatchObject({ via: "api", apiKeyId: "key-1", label: "CRM sync" });
  });

  it("R10: another organization's member gets NOT_FOUND for list, get, update, assign and note; the core is partner-scoped", async () => {
    const a = await createTeam(t.db);
    const b = await createTeam(t.db);
    const lead = await createLead(t.db, a.partner.id);
    const outsider = { userId: b.owner.id };
    await expectCode(listLeads(t.db, outsider, a.partner.slug, {}), "NOT_FOUND");
    await expectCode(getLead(t.db, outsider, a.partner.slug, lead), "NOT_FOUND");
    await expectCode(updateLead(t.db, outsider, a.partner.slug, lead, { note: "x" }), "NOT_FOUND");
    await expectCode(assignLead(t.db, outsider, b.partner.slug, lead, b.owner.id), "NOT_FOUND");
    await expectCode(addLeadNote(t.db, outsider, b.partner.slug, lead, "peek"), "NOT_FOUND");
    await expectCode(changeLeadStatus(t.db, outsider, b.partner.slug, lead, { to: "spam" }), "NOT_FOUND");
    const bScope = { partnerId: b.partner.id, actor: { userId: null, apiKeyId: "k", label: "B's key" } };
    await expectCode(getPartnerLead(t.db, bScope, lead), "NOT_FOUND");
    await expectCode(updatePartnerLead(t.db, bScope, lead, { status: "spam" }), "NOT_FOUND");
    expect((await listPartnerLeadsAfter(t.db, bScope, {})).leads).toEqual([]);
    expect((await listLeads(t.db, outsider, b.partner.slug, {})).leads).toEqual([]);
    const { lead: detail } = await getLead(t.db, { userId: a.owner.id }, a.partner.slug, lead);
    expect(detail.events).toEqual([]);
    expect(detail.status).toBe("new");
  });
});
