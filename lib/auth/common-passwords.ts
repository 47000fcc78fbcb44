// S1: refuse passwords that appear on public lists of common passwords — the first ones an
// attacker tries, online against the login form or offline against a stolen hash. The list is
// the 49,000-entry "passwords" dictionary of @zxcvbn-ts/language-common (from public password
// leaks, ranked by frequency). Besides exact matches, a listed password padded with digits or
// symbols ("password2024!") or repeated ("qwertyqwerty") counts as common: those are the
// variants cracking rules try first. No composition rules otherwise (NIST SP 800-63B).
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | null = null;

function commonSet(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p: string) => p.normalize("NFKC").toLowerCase()));
  return common;
}

/** The number of listed passwords (for docs and tests). */
export function commonPasswordCount(): number {
  return commonSet().size;
}

function repeatedUnit(s: string): string | null {
  for (let size = 1; size <= s.length / 2; size++) {
    if (s.length % size === 0 && s.slice(0, size).repeat(s.length / size) === s) return s.slice(0, size);
  }
  return null;
}

/** True when the password is a listed common password or a trivial variant of one. */
export function isCommonPassword(password: string): boolean {
  const list = commonSet();
  const p = password.normalize("NFKC").toLowerCase();
  if (list.has(p)) return true;
  // Strip digits, symbols and spaces from both ends: "!!Password2024" → "password".
  const core = p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (core.length >= 4 && list.has(core)) return true;
  const unit = repeatedUnit(p);
  return unit !== null && (unit.length < 3 || list.has(unit));
}
