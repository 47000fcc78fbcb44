// JSON logs (S21). Log ids, codes and counts — never personal data, secrets or raw input. As a
// second line of defence, fields that usually hold such values are redacted wherever they
// appear (top level or one or two objects down), and errors are reduced to their type and code:
// database and library messages quote the values that failed. Every value is JSON-escaped, so a
// newline in input cannot start a forged log line.
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

/** Field names whose values are never written to a log. */
export const REDACTED_FIELDS = [
  "password",
  "currentPassword",
  "newPassword",
  "passwordHash",
  "token",
  "secret",
  "totpSecret",
  "otp",
  "totpCode",
  "cookie",
  "authorization",
  "email",
  "displayName",
  "familyContacts",
  "identity",
  "contact",
  "phone",
  "familyNameRoman",
  "givenNameRoman",
  "nameHangul",
  "nameChinese",
  "aliases",
  "narrative",
  "body",
  "notes",
  "description",
] as const;

const REDACT_PATHS = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

type ErrorLike = { name?: unknown; code?: unknown };

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { app: "haven" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: {
      err: (e: unknown) => {
        if (typeof e === "string") return { type: e }; // callers that already log only e.name
        const x = (e && typeof e === "object" ? e : {}) as ErrorLike;
        return { type: typeof x.name === "string" ? x.name : typeof e, code: typeof x.code === "string" ? x.code : undefined };
      },
    },
  };
}

function defaultLevel(): string {
  return process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
}

/** A logger with Haven's redaction, writing to `destination` (stdout when omitted). */
export function createLogger(destination?: DestinationStream, level = defaultLevel()): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

// HAVEN_LOG_FILE (set by the e2e server) copies the log to a file, so tests can search the
// server's own output for canary values.
function defaultDestination(): DestinationStream | undefined {
  const file = process.env.HAVEN_LOG_FILE;
  if (!file) return undefined;
  return pino.multistream([{ stream: pino.destination(1) }, { stream: pino.destination({ dest: file, mkdir: true, sync: true }) }]);
}

export const logger = createLogger(defaultDestination());
