// Security basics over real HTTP: headers on every response, cross-site state changes refused, no state change on GET.
import { describe, expect, inject, it } from "vitest";

const base = () => inject("baseURL");

describe("security headers and origin checks", () => {
  it("sets the security headers on pages, JSON and errors", async () => {
    for (const path of ["/", "/partners?q=mail", "/api/v1/search?q=mail", "/no-such-page", "/sign-in"]) {
      const response = await fetch(`${base()}${path}`);
      const headers = response.headers;
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(headers.get("x-frame-options"), path).toBe("DENY");
    }
    // Pages allow inline scripts and styles by hash only (Astro's CSP), never by 'unsafe-inline'.
    const page = (await fetch(`${base()}/partners`)).headers.get("content-security-policy") ?? "";
    expect(page).toMatch(/script-src[^;]*'sha(256|384|512)-/);
    expect(page).not.toContain("unsafe-inline");
    expect(page).toContain("frame-ancestors 'none'");
  });

  it("refuses state-changing requests from another site, forms and JSON alike", async () => {
    const form = await fetch(`${base()}/sign-in`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.com&password=whatever1",
      redirect: "manual",
    });
    expect(form.status).toBe(403);
    const json = await fetch(`${base()}/sign-out`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
      redirect: "manual",
    });
    expect(json.status).toBe(403);
  });

  it("signs out only by POST", async () => {
    const response = await fetch(`${base()}/sign-out`, { redirect: "manual" });
    expect(response.status).toBe(405);
  });
});
