// Text from URLs and forms on its way into a query. Prisma binds values as parameters (no SQL
// injection), but two things still get through: LIKE wildcards — Prisma's `contains` /
// `startsWith` do not escape % and _, so a search for "%" lists every row — and NUL, which
// PostgreSQL text cannot hold, so a query containing it fails with a 500 (S12, S13).

/** Escapes LIKE wildcards so `contains`/`startsWith`/`endsWith` match the text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Removes NUL and the other C0/C1 control characters except tab, newline and carriage return. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "");
}
