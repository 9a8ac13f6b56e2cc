// Password hashing (architecture convention 11: argon2id).
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/domain/auth/password.ts";

describe("password hashing", () => {
  it("produces an argon2id PHC string that verifies the same password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("answers false, never throws, for a malformed or empty hash", async () => {
    expect(await verifyPassword("", "x")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$garbage", "x")).toBe(false);
  });
});
