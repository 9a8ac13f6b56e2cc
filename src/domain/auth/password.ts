// Password hashing with argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

// Algorithm is an ambient const enum, unusable by value under isolatedModules; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

const OPTIONS: Options = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** A PHC string ("$argon2id$v=19$m=19456,t=2,p=1$…") with a fresh random salt. */
export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/** True when `plain` matches `passwordHash`; false (never a throw) for a malformed or empty hash. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  if (!passwordHash.startsWith("$argon2")) return false;
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
