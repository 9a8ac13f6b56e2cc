// Password rules and auth input schemas (issue 4: 8–255 characters, no composition rules, shipped common list).
import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "../../src/domain/auth/common-passwords.ts";
import { newPasswordField, signInSchema, signUpSchema } from "../../src/domain/auth/schemas.ts";
import { slugifyOrganization, tokenLink } from "../../src/domain/auth/service.ts";

const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("password rules", () => {
  it("ships a list of ~10,000 common passwords", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("qwertyuiop")).toBe(true);
    expect(isCommonPassword(" PassWord ")).toBe(true);
    expect(isCommonPassword("violet-harbor-tractor-41")).toBe(false);
  });

  it("refuses a common password with a field message", () => {
    expect(messages(newPasswordField.safeParse("password1"))).toEqual(["auth.password.common"]);
  });

  it("needs 8 to 255 characters, counted as characters, with no composition rules", () => {
    expect(messages(newPasswordField.safeParse("short"))).toEqual(["auth.password.tooShort"]);
    expect(newPasswordField.safeParse("all lower case words").success).toBe(true);
    expect(newPasswordField.safeParse("a".repeat(200) + "b".repeat(55)).success).toBe(true);
    expect(messages(newPasswordField.safeParse("x".repeat(256)))).toEqual(["auth.password.tooLong"]);
    // 8 Hangul syllables are 8 characters
    expect(newPasswordField.safeParse("비밀번호길게쓰기").success).toBe(true);
    // 4 emoji are 8 UTF-16 units but only 4 characters
    expect(messages(newPasswordField.safeParse("😀😀😀😀"))).toEqual(["auth.password.tooShort"]);
  });
});

describe("auth schemas", () => {
  it("trims and lower-cases email addresses", () => {
    const r = signInSchema.safeParse({ email: "  Someone@Example.COM ", password: "x" });
    expect(r.success && r.data.email).toBe("someone@example.com");
  });

  it("reports every sign-up field", () => {
    const r = signUpSchema.safeParse({ name: "", email: "nope", password: "123", organization: "" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["name", "email", "password", "organization"]));
  });
});

describe("organization slugs", () => {
  it("slugifies ASCII names", () => {
    expect(slugifyOrganization("Acme Cloud, Inc.")).toBe("acme-cloud-inc");
    expect(slugifyOrganization("J&C Tech")).toBe("j-and-c-tech");
    expect(slugifyOrganization("Café Système")).toBe("cafe-systeme");
  });

  it("falls back to partner-<random> when nothing ASCII is left (no romanization)", () => {
    expect(slugifyOrganization("한빛 클라우드")).toMatch(/^partner-[0-9a-f]{6}$/);
    expect(slugifyOrganization("한빛 클라우드")).not.toBe(slugifyOrganization("한빛 클라우드"));
  });

  it("always matches the schema's slug check", () => {
    for (const name of ["--x--", "A", "Über  Tech!!", "x".repeat(100)]) {
      expect(slugifyOrganization(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe("links in mail", () => {
  it("point at the confirmation page in the user's language", () => {
    expect(tokenLink("https://m.example", "en", "/verify-email", "abc")).toBe("https://m.example/verify-email?token=abc");
    expect(tokenLink("https://m.example", "ko", "/reset-password", "abc")).toBe("https://m.example/ko/reset-password?token=abc");
  });
});
