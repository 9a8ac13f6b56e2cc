// New-lead mails (issue 5): one per member who hasn't opted out, written with the lead; each member sets only their
// own preference; the page's data shows what the member chose.
import { beforeAll, describe, expect, it } from "vitest";
import {
  getLeadSettings,
  listDigestRecipients,
  listNewLeadRecipients,
  updateMyNotificationPreferences,
} from "../../src/domain/leads/notifications.ts";
import { createListing, createService } from "../factories.ts";
import { useTestDatabase } from "../setup/db.ts";
import { baseUrl, mailsTo, requestLead } from "./lead-notifications-helpers.ts";
import { addMember, createUser, expectCode } from "./portal-helpers.ts";

const mails = mailsTo;

describe("new-lead mails respect each member's opt-out (issue 5)", () => {
  const t = useTestDatabase();
  let listing: Awaited<ReturnType<typeof createListing>>;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let member: Awaited<ReturnType<typeof createUser>>;
  let korean: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    await createService(t.db, "mail", { en: "Mail", ko: "메일" });
    listing = await createListing(t.db, { name: "Notify Partner", services: ["mail"] });
    owner = await createUser(t.db);
    member = await createUser(t.db);
    korean = await createUser(t.db, { locale: "ko" });
    await addMember(t.db, listing.partnerId, owner.id, "owner");
    await addMember(t.db, listing.partnerId, member.id, "member");
    await addMember(t.db, listing.partnerId, korean.id, "member");
  });

  it("everyone gets new-lead mails by default, each in their own language", async () => {
    const settings = await getLeadSettings({ db: t.db, userId: member.id }, listing.slug);
    expect(settings).toMatchObject({ notifyNewLeads: true, notifyDigest: true, acceptingRequests: true, canManage: false });
    const leadId = await requestLead(t.db, listing.slug);
    for (const user of [owner, member]) {
      const sent = (await mails(t.db, user.email, "lead-new")).filter((m) => m.text_body.includes(leadId));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.locale).toBe("en");
    }
    const ko = (await mails(t.db, korean.email, "lead-new")).filter((m) => m.text_body.includes(leadId));
    expect(ko).toHaveLength(1);
    expect(ko[0]!.text_body).toContain(`${baseUrl}/ko/portal/${listing.slug}/leads/${leadId}`);
  });

  it("a member who opted out gets no new-lead mail while the others still do", async () => {
    await updateMyNotificationPreferences({ db: t.db, userId: member.id }, listing.slug, { newLeads: false, digest: true });
    expect(await getLeadSettings({ db: t.db, userId: member.id }, listing.slug)).toMatchObject({ notifyNewLeads: false, notifyDigest: true });
    // Only their own row changed.
    expect((await listNewLeadRecipients(t.db, listing.partnerId)).map((r) => r.userId).sort()).toEqual([owner.id, korean.id].sort());
    expect(await listDigestRecipients(t.db, listing.partnerId)).toHaveLength(3);

    const leadId = await requestLead(t.db, listing.slug);
    expect((await mails(t.db, member.email, "lead-new")).filter((m) => m.text_body.includes(leadId))).toHaveLength(0);
    expect((await mails(t.db, owner.email, "lead-new")).filter((m) => m.text_body.includes(leadId))).toHaveLength(1);
    expect((await mails(t.db, korean.email, "lead-new")).filter((m) => m.text_body.includes(leadId))).toHaveLength(1);

    // Opting back in restores the mail.
    await updateMyNotificationPreferences({ db: t.db, userId: member.id }, listing.slug, { newLeads: true, digest: true });
    const again = await requestLead(t.db, listing.slug);
    expect((await mails(t.db, member.email, "lead-new")).filter((m) => m.text_body.includes(again))).toHaveLength(1);
  });

  it("tenant isolation: a non-member can neither read nor change preferences of another organization", async () => {
    const outsider = await createUser(t.db);
    await expectCode(getLeadSettings({ db: t.db, userId: outsider.id }, listing.slug), "NOT_FOUND");
    await expectCode(updateMyNotificationPreferences({ db: t.db, userId: outsider.id }, listing.slug, { newLeads: false, digest: false }), "NOT_FOUND");
    expect(await listNewLeadRecipients(t.db, listing.partnerId)).toHaveLength(3);
  });
});
