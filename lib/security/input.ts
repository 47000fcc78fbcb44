// Text from URLs and forms on its way into a query. Prisma binds values as parameters (no SQL
// injection), but three things still get through: LIKE wildcards — Prisma's `contains` /
// `startsWith` do not escape % and _, so a search for "%" lists every row — NUL, which
// PostgreSQL text cannot hold, and lone UTF-16 surrogates, which are not valid UTF-8 and which
// Prisma refuses to serialise; either of the last two makes the query fail with a 500 (S12, S13).

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes what no query can carry: NUL and lone surrogates. */
export function stripUnstorable(text: string): string {
  return text.replace(/\u0000/g, "").replace(LONE_SURROGATE, "");
}

/**
 * Escapes LIKE wildcards so `contains`/`startsWith`/`endsWith` match the text literally, and drops
 * NUL and lone surrogates so a search can never fail in the database, whatever reached it.
 */
export function escapeLike(text: string): string {
  return stripUnstorable(text).replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Removes NUL, the other C0/C1 control characters except tab, newline and carriage return, and lone surrogates. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "").replace(LONE_SURROGATE, "");
}
