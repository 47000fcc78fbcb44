// The client's address, for the per-address sign-in limit (S2), the audit log and the session
// list. The one place it is read: lib/auth/session.ts (pages, actions, routes) and
// lib/auth/options.ts (next-auth's sign-in) both call clientAddress().
//
// The peer — the socket's remote address — is the only address nobody can forge. Next.js does
// not hand it to route handlers, server actions or next-auth (`request.ip` is gone since Next 15,
// and Next's own `x-forwarded-for ??= socket address` keeps whatever the client sent), so
// instrumentation.ts installs installPeerHeader(): every request the Node server receives gets
// the header PEER_HEADER set to its socket address, replacing anything the client sent under
// that name. X-Forwarded-For is believed only when HAVEN_TRUSTED_PROXIES (a comma-separated CIDR
// list) names that peer; then the client is the right-most address not in the list. Without the
// hook (PEER_HEADER is then ignored, so it cannot be forged) the address is null: recorded as
// unknown, one shared bucket for the address limit, and X-Forwarded-For is ignored.
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

export const PEER_HEADER = "x-haven-peer";
const installed = globalThis as unknown as { __havenPeerHook?: boolean };

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined | null;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const raw = (headers as Record<string, unknown>)[name];
  return Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : null;
}

/** An IP address in canonical form (IPv4-mapped IPv6 as IPv4, no zone, no brackets/port), or null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  let v = value?.trim();
  if (!v) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(v);
  if (mapped) v = mapped[1]!;
  return isIP(v) ? v : null;
}

export type TrustedProxies = { list: BlockList; entries: string[] };

/** Parses a comma-separated CIDR list ("10.0.0.0/8, ::1, fd00::/8"); throws on anything else. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [addr, prefix, ...rest] = entry.split("/");
    const ip = normalizeAddress(addr);
    const family = ip ? isIP(ip) : 0;
    const max = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!ip || rest.length > 0 || !(bits >= 0 && bits <= max)) {
      throw new Error(`HAVEN_TRUSTED_PROXIES: "${entry}" is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, fd00::/8)`);
    }
    list.addSubnet(ip, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { list, entries };
}

export function isTrusted(trusted: TrustedProxies, address: string): boolean {
  const ip = normalizeAddress(address);
  if (!ip) return false;
  return trusted.list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client address: the peer, unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not a trusted proxy (each trusted hop appended the address it
 * saw; anything left of the first untrusted one was written by the client and proves nothing).
 */
export function resolveClientAddress(input: { peer: string | null; forwardedFor: string | null; trusted: TrustedProxies }): string | null {
  const peer = normalizeAddress(input.peer);
  if (!peer || input.trusted.entries.length === 0 || !isTrusted(input.trusted, peer)) return peer;
  const hops = (input.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return null; // a garbled entry from a trusted proxy: nothing to the left of it can be believed
    if (!isTrusted(input.trusted, hop)) return hop;
  }
  // Every hop is a trusted proxy (e.g. a health check from the proxy itself).
  return normalizeAddress(hops[0]) ?? peer;
}

let cached: { raw: string | undefined; parsed: TrustedProxies } | null = null;
export function trustedProxies(): TrustedProxies {
  const raw = process.env.HAVEN_TRUSTED_PROXIES;
  if (!cached || cached.raw !== raw) cached = { raw, parsed: parseTrustedProxies(raw) };
  return cached.parsed;
}

/** The client address of a request (its headers), or null when it cannot be known. */
export function clientAddress(headers: HeaderSource): string | null {
  const peer = installed.__havenPeerHook ? header(headers, PEER_HEADER) : null;
  return resolveClientAddress({ peer, forwardedFor: header(headers, "x-forwarded-for"), trusted: trustedProxies() });
}

/**
 * Stamps every incoming request of this process's HTTP(S) servers with PEER_HEADER = its socket
 * address (replacing a client-sent one). Called once from instrumentation.ts, in the process that
 * runs `next start`; validates HAVEN_TRUSTED_PROXIES so a typo stops the server at start.
 */
export function installPeerHeader(): void {
  trustedProxies();
  if (installed.__havenPeerHook) return;
  for (const Server of [http.Server, https.Server]) {
    type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    const emit = Server.prototype.emit as Emit;
    const emitWithPeer: Emit = function (this: unknown, event, ...args) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return emit.call(this, event, ...args);
    };
    Server.prototype.emit = emitWithPeer as typeof Server.prototype.emit;
  }
  installed.__havenPeerHook = true;
}
