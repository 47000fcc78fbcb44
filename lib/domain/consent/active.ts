// Which consent applies to a channel at a moment. Pure, so the rule is pinned by unit tests and
// shared by the consent panel and the petitions feature (which must not send a name without it).
import type { ConsentChannel } from "@/lib/generated/prisma/enums";

export type ConsentLike = { channel: ConsentChannel; givenOn: Date; revokedAt: Date | null; createdAt: Date };

/**
 * The consent in force for `channel` at `at` (default: now), or null.
 *
 * The most recent consent given on or before `at` is the person's current word for that channel:
 * it supersedes earlier ones (e.g. "full name" narrowed to "initials only"). If that consent has
 * been revoked by `at`, there is no consent — an older, broader consent does NOT come back,
 * because reviving it could publish a name against the person's latest wishes. Record a new
 * consent instead. Same-day consents are ordered by when they were recorded.
 */
export function activeConsent<T extends ConsentLike>(consents: readonly T[], channel: ConsentChannel, at: Date = new Date()): T | null {
  let latest: T | null = null;
  for (const c of consents) {
    if (c.channel !== channel || c.givenOn.getTime() > at.getTime()) continue;
    if (
      !latest ||
      c.givenOn.getTime() > latest.givenOn.getTime() ||
      (c.givenOn.getTime() === latest.givenOn.getTime() && c.createdAt.getTime() > latest.createdAt.getTime())
    ) {
      latest = c;
    }
  }
  if (!latest) return null;
  return latest.revokedAt && latest.revokedAt.getTime() <= at.getTime() ? null : latest;
}
