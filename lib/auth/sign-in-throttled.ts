// The error next-auth passes to the sign-in page when an attempt was throttled (S2):
// "throttled:<unix seconds when the next attempt may be made>". Shared with the client form.
export const SIGN_IN_THROTTLED_PREFIX = "throttled:";

/** The retry time in an error from signIn(), or null if the error is something else. */
export function parseSignInThrottled(error: string | null | undefined): Date | null {
  if (!error?.startsWith(SIGN_IN_THROTTLED_PREFIX)) return null;
  const seconds = Number(error.slice(SIGN_IN_THROTTLED_PREFIX.length));
  return Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}
