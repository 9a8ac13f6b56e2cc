// Tenant isolation in the real app: a signed-in member of partner A gets 404 for every portal page of partner B,
// and B's forms refuse A's posts; A's own pages answer 200, so the 404s aren't a broken page.
import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../db/seed/demo-data.ts";
import { useBrowser } from "./browser.ts";
import { signIn } from "./steps.ts";

// The demo data is deterministic: the server's seeded partners and users are these.
const demo = generateDemoData(new Date());
function team(status: string, skip = 0) {
  const partners = demo.partners.filter((p) => p.status === status && demo.partner_members.some((m) => m.partner_id === p.id && m.role === "member"));
  const partner = partners[skip]!;
  const members = demo.partner_members.filter((m) => m.partner_id === partner.id);
  const email = (role: string) => demo.users.find((u) => u.id === members.find((m) => m.role === role)!.user_id)!.email;
  const memberId = members.find((m) => m.role === "member")!.user_id;
  return { slug: partner.slug, memberEmail: email("member"), memberId };
}
const A = team("authorized", 0);
const B = team("authorized", 1);

describe("portal: tenant isolation between partner organizations", () => {
  const browser = useBrowser();

  it("answers 404 to a member of A for B's portal pages and forms", async () => {
    const { page, baseURL } = browser;
    await signIn(browser, A.memberEmail);

    for (const path of [`/portal/${A.slug}`, `/portal/${A.slug}/members`, `/portal/${A.slug}/programs`, `/ko/portal/${A.slug}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
    }

    for (const path of [
      `/portal/${B.slug}`,
      `/portal/${B.slug}/members`,
      `/portal/${B.slug}/programs`,
      `/ko/portal/${B.slug}`,
      `/ko/portal/${B.slug}/members`,
      `/ko/portal/${B.slug}/programs`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      // The ordinary not-found page: nothing of B is shown.
      expect(await page.content(), path).not.toContain(B.memberEmail);
    }

    const posts: Array<[string, Record<string, string>]> = [
      [`/portal/${B.slug}/members`, { _action: "remove", userId: B.memberId }],
      [`/portal/${B.slug}/members`, { _action: "invite", email: "intruder@example.com", role: "owner" }],
      [`/portal/${B.slug}/programs`, { _action: "agreement", accept: "on" }],
      [`/portal/${B.slug}/programs`, { _action: "program", program: "cloud_essentials" }],
    ];
    for (const [path, form] of posts) {
      const response = await page.request.post(path, { form, headers: { origin: baseURL }, maxRedirects: 0 });
      expect(response.status(), `POST ${path} ${form._action}`).toBe(404);
    }
  });
});
