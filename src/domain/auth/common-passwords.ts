// The shipped common-password check (NIST SP 800-63B: refuse known-compromised choices instead of composition rules).
import { COMMON_PASSWORDS_TEXT } from "./common-passwords-list.ts";

let list: Set<string> | undefined;

/** Built on first use: the sign-in path never needs it. */
function commonPasswords(): Set<string> {
  list ??= new Set(COMMON_PASSWORDS_TEXT.split("\n"));
  return list;
}

/** Number of entries shipped (for tests and docs). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** Case-insensitive, ignoring surrounding spaces: "Password1 " is as guessable as "password1". */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}
