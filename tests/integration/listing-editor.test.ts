// The listing editor against real Postgres and Meilisearch: drafts, optimistic concurrency, publish (R1, R10),
// search sync, revisions, tenant isolation and logo uploads.
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { reindexAll } from "../../search/indexer.ts";
import { searchListings } from "../../search/search.ts";
import { EditorFormSchema, emptyDraft, type ListingDraftData } from "../../src/domain/listings/editor-schema.ts";
import {
  getDraftPreview,
  getEditorState,
  listRevisions,
  publishListing,
  saveDraft,
  unpublishListing,
} from "../../src/domain/listings/editor.ts";
import { getOwnLogo, getPublicLogo, LOGO_MAX_BYTES, saveLogo, sniffImageType } from "../../src/domain/listings/logo.ts";
import { getPublicListingBySlug } from "../../src/domain/listings/repository.ts";
import { SearchQuerySchema } from "../../src/domain/search/query.ts";
import { isDomainError } from "../../src/domain/shared/errors.ts";
import { createLogger } from "../../src/server/logger.ts";
import { createTaskList } from "../../src/server/worker.ts";
import { createService } from "../factories.ts";
import { useTestDatabase, useTestSearch } from "../setup/db.ts";

let n = 0;
async function createOrg(db: Database, status: "pending" | "authorized" | "suspended" = "authorized") {
  const slug = `org-${Date.now().toString(36)}-${n++}`;
  const partner = await db.insertInto("partners").values({ slug, name: `Org ${slug}`, status }).returning("id").executeTakeFirstOrThrow();
  const member = async (role: "owner" | "admin" | "member", name: string) => {
    const user = await db
      .insertInto("users")
      .values({ email: `${name}-${slug}@example.com`, display_name: `${name} ${slug}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("partner_members").values({ partner_id: partner.id, user_id: user.id, role }).execute();
    return { userId: user.id, partnerSlug: slug };
  };
  return { partnerId: partner.id, slug, owner: await member("owner", "owner"), member: await member("member", "member") };
}

function draft(overrides: Partial<ListingDraftData> = {}): ListingDraftData {
  return { ...emptyDraft("Blue Harbor IT"), headline_en: "Mail migration for harbors", services: ["mail"], languages: ["en"], ...overrides };
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error) ? error.code : error).toBe(code);
}

describe("listing editor (R1, R10)", () => {
  const t = useTestDatabase();
  const s = useTestSearch();
  const runJobs = () =>
    runOnce({
      connectionString: t.url,
      logger: new Logger(() => () => {}),
      taskList: createTaskList({ db: t.db, meili: s.client, indexPrefix: s.prefix, logger: createLogger("silent") }),
    });
  const search = (q: string) => searchListings({ db: t.db, meili: s.client, indexPrefix: s.prefix }, SearchQuerySchema.parse({ q }));

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Business email", ko: "비즈니스 메일" });
    await createService(t.db, "security", { en: "Security", ko: "보안" });
    await t.db.insertInto("services").values({ id: "retired", category: "x", name_en: "Retired", name_ko: "종료", active: false }).execute();
    await reindexAll(t.db, s.client, s.prefix);
  });

  it("saves a draft, bumps the version and records a revision with the actor and changed fields", async () => {
    const org = await createOrg(t.db);
    const first = await saveDraft(t.db, { actor: org.member, expectedVersion: 0, data: draft() });
    expect(first.version).toBe(1);
    const second = await saveDraft(t.db, { actor: org.owner, expectedVersion: 1, data: draft({ website: "https://blue.example", regions: ["KR"] }) });
    expect(second).toEqual({ version: 2, changedFields: ["regions", "website"] });
    // Saving the same thing again changes nothing and writes no revision.
    expect(await saveDraft(t.db, { actor: org.owner, expectedVersion: 2, data: draft({ website: "https://blue.example", regions: ["KR"] }) })).toEqual({
      version: 2,
      changedFields: [],
    });

    const revisions = await listRevisions(t.db, org.owner);
    expect(revisions.map((r) => [r.action, r.actorName, r.changedFields])).toEqual([
      ["saved", `owner ${org.slug}`, ["regions", "website"]],
      ["saved", `member ${org.slug}`, expect.arrayContaining(["name", "headline_en", "services"])],
    ]);
    const state = await getEditorState(t.db, org.member);
    expect(state.version).toBe(2);
    expect(state.draft.website).toBe("https://blue.example");
    expect(state.listing).toBeNull();
  });

  it("refuses a stale version and overwrites nothing: of two saves from one version, one wins", async () => {
    const org = await createOrg(t.db);
    await saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft() });
    const results = await Promise.allSettled([
      saveDraft(t.db, { actor: org.owner, expectedVersion: 1, data: draft({ headline_en: "Owner's headline" }) }),
      saveDraft(t.db, { actor: org.member, expectedVersion: 1, data: draft({ headline_en: "Member's headline" }) }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isDomainError((lost[0] as PromiseRejectedResult).reason, "STALE_VERSION")).toBe(true);

    const state = await getEditorState(t.db, org.owner);
    expect(state.version).toBe(2);
    const winner = results[0]!.status === "fulfilled" ? "Owner's headline" : "Member's headline";
    expect(state.draft.headline_en).toBe(winner);
    // A first save racing another first save is refused the same way.
    const fresh = await createOrg(t.db);
    const firsts = await Promise.allSettled([
      saveDraft(t.db, { actor: fresh.owner, expectedVersion: 0, data: draft({ name: "One" }) }),
      saveDraft(t.db, { actor: fresh.member, expectedVersion: 0, data: draft({ name: "Two" }) }),
    ]);
    expect(firsts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("validates fields with i18n keys: headline, website scheme, email, inactive services, list sizes", async () => {
    const parsed = EditorFormSchema.safeParse({
      version: "1",
      name: "X",
      headline_en: " ",
      headline_ko: "",
      website: "javascript:alert(1)",
      contact_email: "nope",
      expertise: Array.from({ length: 16 }, () => "x"),
    });
    expect(parsed.success).toBe(false);
    const byField = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(byField).toMatchObject({
      name: "editor.error.nameRequired",
      headline_en: expect.stringMatching(/^editor\.error\./),
      website: "editor.error.websiteInvalid",
      contact_email: "editor.error.emailInvalid",
    });
    expect(EditorFormSchema.safeParse({ version: "0", name: "Blue", headline_ko: "메일 이전", website: "ftp://x.example" }).success).toBe(false);
    expect(EditorFormSchema.safeParse({ version: "0", name: "Blue", headline_ko: "메일 이전", website: "https://x.example" }).success).toBe(true);

    const org = await createOrg(t.db);
    const error = await saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft({ services: ["mail", "retired"] }) }).catch((e: unknown) => e);
    expect(isDomainError(error, "VALIDATION_FAILED") && error.fields).toEqual({ services: ["editor.error.serviceUnknown"] });
    await expectCode(saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft({ headline_en: null }) }), "VALIDATION_FAILED");
    expect((await getEditorState(t.db, org.owner)).version).toBe(0);
  });

  it("R1: a pending partner can't publish; nothing becomes public", async () => {
    const org = await createOrg(t.db, "pending");
    const saved = await saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft() });
    await expectCode(publishListing(t.db, { actor: org.owner, expectedVersion: saved.version }), "PARTNER_NOT_AUTHORIZED");
    const listing = await t.db.selectFrom("listings").select("id").where("partner_id", "=", org.partnerId).executeTakeFirst();
    expect(listing).toBeUndefined();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from listing_revisions
      where partner_id = ${org.partnerId} and action = 'published'`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
  });

  it("R10: publishing makes the listing public and findable after the sync job; unpublishing removes it", async () => {
    const org = await createOrg(t.db);
    const saved = await saveDraft(t.db, {
      actor: org.owner,
      expectedVersion: 0,
      data: draft({ name: "Zephyrine Lighthouse Systems", services: ["mail", "security"], regions: ["KR"] }),
    });
    const published = await publishListing(t.db, { actor: org.owner, expectedVersion: saved.version });
    expect(published.slug).toBe(org.slug);

    const page = await getPublicListingBySlug(t.db, org.slug, "en");
    expect(page?.name).toBe("Zephyrine Lighthouse Systems");
    expect(page?.services.map((x) => x.id)).toEqual(["mail", "security"]);
    expect((await search("Zephyrine")).hits).toHaveLength(0); // not before the job runs
    await runJobs();
    expect((await search("Zephyrine")).hits.map((h) => h.slug)).toEqual([org.slug]);

    // Editing a published listing changes the draft only, until published again.
    const edited = await saveDraft(t.db, { actor: org.member, expectedVersion: saved.version, data: draft({ name: "Zephyrine Beacon Systems", services: ["mail", "security"], regions: ["KR"] }) });
    const state = await getEditorState(t.db, org.member);
    expect(state.unpublishedChanges).toEqual(["name"]);
    expect((await getPublicListingBySlug(t.db, org.slug, "en"))?.name).toBe("Zephyrine Lighthouse Systems");
    // The preview shows the draft in the public page's shape.
    const preview = await getDraftPreview(t.db, org.member, "ko", state);
    expect(preview).toMatchObject({ name: "Zephyrine Beacon Systems", headline: "Mail migration for harbors", headlineLocale: "en", slug: org.slug });
    expect(preview.services).toEqual([
      { id: "mail", name: "비즈니스 메일" },
      { id: "security", name: "보안" },
    ]);

    const again = await publishListing(t.db, { actor: org.owner, expectedVersion: edited.version });
    expect(again.version).toBe(published.version + 1);
    await runJobs();
    expect((await search("Beacon")).hits.map((h) => h.slug)).toEqual([org.slug]);

    await unpublishListing(t.db, { actor: org.owner });
    expect(await getPublicListingBySlug(t.db, org.slug, "en")).toBeNull();
    await runJobs();
    expect((await search("Zephyrine")).hits).toHaveLength(0);

    const actions = (await listRevisions(t.db, org.owner)).map((r) => [r.action, r.actorName]);
    expect(actions.slice(0, 4)).toEqual([
      ["unpublished", `owner ${org.slug}`],
      ["published", `owner ${org.slug}`],
      ["saved", `member ${org.slug}`],
      ["published", `owner ${org.slug}`],
    ]);
    const audit = await t.db.selectFrom("audit_log").select("action").where("subject_id", "=", published.listingId).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["listing.published", "listing.published", "listing.unpublished"]);
  });

  it("publishing a draft someone changed meanwhile is refused", async () => {
    const org = await createOrg(t.db);
    await saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft() });
    await saveDraft(t.db, { actor: org.member, expectedVersion: 1, data: draft({ name: "Changed" }) });
    await expectCode(publishListing(t.db, { actor: org.owner, expectedVersion: 1 }), "STALE_VERSION");
  });

  it("permissions: a member may save but not publish or unpublish", async () => {
    const org = await createOrg(t.db);
    const saved = await saveDraft(t.db, { actor: org.member, expectedVersion: 0, data: draft() });
    await expectCode(publishListing(t.db, { actor: org.member, expectedVersion: saved.version }), "FORBIDDEN");
    await expectCode(unpublishListing(t.db, { actor: org.member }), "FORBIDDEN");
  });

  it("tenant isolation: a member of A can't read, save, publish or upload for B (NOT_FOUND)", async () => {
    const a = await createOrg(t.db);
    const b = await createOrg(t.db);
    await saveDraft(t.db, { actor: b.owner, expectedVersion: 0, data: draft({ name: "B's own" }) });
    const intruder = { userId: a.owner.userId, partnerSlug: b.slug };
    await expectCode(getEditorState(t.db, intruder), "NOT_FOUND");
    await expectCode(saveDraft(t.db, { actor: intruder, expectedVersion: 1, data: draft({ name: "Hijacked" }) }), "NOT_FOUND");
    await expectCode(publishListing(t.db, { actor: intruder }), "NOT_FOUND");
    await expectCode(unpublishListing(t.db, { actor: intruder }), "NOT_FOUND");
    await expectCode(listRevisions(t.db, intruder), "NOT_FOUND");
    await expectCode(getOwnLogo(t.db, intruder), "NOT_FOUND");
    await expectCode(saveLogo(t.db, { actor: intruder, bytes: new Uint8Array([0x89]) }), "NOT_FOUND");
    expect((await getEditorState(t.db, b.owner)).draft.name).toBe("B's own");
  });

  describe("logo", () => {
    it("rejects a non-image, whatever it claims to be, and an oversize file", async () => {
      const org = await createOrg(t.db);
      const html = new TextEncoder().encode("<svg onload=alert(1)><script>alert(1)</script></svg>");
      const err = await saveLogo(t.db, { actor: org.owner, bytes: html }).catch((e: unknown) => e);
      expect(isDomainError(err, "VALIDATION_FAILED") && err.fields.logo).toEqual(["editor.logo.error.type"]);

      // A PNG signature followed by garbage: the magic bytes pass, the decoder does not.
      const fake = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6]);
      const err2 = await saveLogo(t.db, { actor: org.owner, bytes: fake }).catch((e: unknown) => e);
      expect(isDomainError(err2, "VALIDATION_FAILED") && err2.fields.logo).toEqual(["editor.logo.error.unreadable"]);

      const big = new Uint8Array(LOGO_MAX_BYTES + 1);
      big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const err3 = await saveLogo(t.db, { actor: org.owner, bytes: big }).catch((e: unknown) => e);
      expect(isDomainError(err3, "VALIDATION_FAILED") && err3.fields.logo).toEqual(["editor.logo.error.tooLarge"]);
      expect(await getOwnLogo(t.db, org.owner)).toBeNull();
    });

    it("accepts a PNG (and a JPEG), re-encodes to PNG within 512×512, and serves it publicly only when listed (R1)", async () => {
      const org = await createOrg(t.db);
      const png = await sharp({ create: { width: 1200, height: 600, channels: 4, background: { r: 10, g: 80, b: 200, alpha: 1 } } })
        .png()
        .toBuffer();
      const stored = await saveLogo(t.db, { actor: org.member, bytes: png });
      expect(stored).toMatchObject({ contentType: "image/png", width: 512, height: 256 });
      const own = await getOwnLogo(t.db, org.owner);
      expect(own && sniffImageType(own.data)).toBe("image/png");
      expect(own && (await sharp(own.data).metadata())).toMatchObject({ format: "png", width: 512, height: 256 });

      const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ff0000" } }).jpeg().toBuffer();
      expect(await saveLogo(t.db, { actor: org.owner, bytes: jpeg })).toMatchObject({ contentType: "image/png", width: 64, height: 64 });

      expect(await getPublicLogo(t.db, org.slug)).toBeNull(); // no public listing yet
      const saved = await saveDraft(t.db, { actor: org.owner, expectedVersion: 0, data: draft() });
      await publishListing(t.db, { actor: org.owner, expectedVersion: saved.version });
      expect((await getPublicLogo(t.db, org.slug))?.contentType).toBe("image/png");
      await unpublishListing(t.db, { actor: org.owner });
      expect(await getPublicLogo(t.db, org.slug)).toBeNull();

      expect((await listRevisions(t.db, org.owner)).some((r) => r.changedFields.includes("logo") && r.actorName === `member ${org.slug}`)).toBe(true);
    });
  });
});
