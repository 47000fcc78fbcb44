// The second step of sign-in: a session that passed the password becomes a full session only
// when a valid, unused code arrives for it. Until then getViewer returns null everywhere (S4).
import { markSecondFactor } from "./user-session";
import { checkUserCode, type CodeCheck } from "./second-factor";
import type { PendingSession } from "./resolve-session";

export async function completeSignInCode(pending: PendingSession, code: unknown, now: Date = new Date()): Promise<CodeCheck> {
  if (pending.step !== "code") return "not-enrolled";
  return checkUserCode(pending.userId, code, {
    actor: { system: "auth" }, purpose: "login", now,
    onSuccess: (tx) => markSecondFactor(tx, pending.sessionId, now),
  });
}
