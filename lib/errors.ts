// The only errors whose messages reach users. Anything else is logged and shown generically,
// so stack traces, SQL and internals never leak into a response (SECURITY.md S12).
export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UNAUTHENTICATED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/**
 * A privilege or account-security change refused because this session has not re-authenticated
 * recently (S7). Thrown by the domain itself, so no caller can forget the check; server actions
 * turn it into a redirect to /account/reauth with a safe way back (lib/actions.ts).
 */
export class ReauthRequiredError extends AppError {
  constructor() {
    super("FORBIDDEN", "reauthRequired");
    this.name = "ReauthRequiredError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The shape every server action returns, for useActionState. */
export type ActionResult<T = unknown> =
  | { ok: true; data?: T }
  | { ok: false; message?: string; fieldErrors?: Record<string, string[]>; conflict?: ConflictDetails };

/** What the other person changed, when an optimistic-lock check fails. */
export type ConflictDetails = { changedBy: string | null; changedAt: string; changes: { field: string; value: string }[] };
