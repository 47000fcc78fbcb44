// JSON logs. Never log personal data, secrets or raw input: log ids, codes and counts. pino
// escapes newlines inside values, so input cannot forge extra log lines (S21).
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "haven" },
  redact: { paths: ["password", "*.password", "familyContacts", "*.familyContacts", "email", "*.email"], censor: "[redacted]" },
});
