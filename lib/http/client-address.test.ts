// Client addresses from a trusted proxy only (S2, issue 12 item 4).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, installPeerHeader, isTrusted, normalizeAddress, parseTrustedProxies, PEER_HEADER, resolveClientAddress } from "./client-address";

const resolve = (peer: string | null, xff: string | null, trusted: string) =>
  resolveClientAddress({ peer, forwardedFor: xff, trusted: parseTrustedProxies(trusted) });

afterEach(() => {
  delete process.env.HAVEN_TRUSTED_PROXIES;
});

describe("CIDR matching", () => {
  it("matches IPv4 and IPv6 ranges and single addresses", () => {
    const t = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8, ::1");
    expect(isTrusted(t, "10.200.3.4")).toBe(true);
    expect(isTrusted(t, "11.0.0.1")).toBe(false);
    expect(isTrusted(t, "192.168.1.7")).toBe(true);
    expect(isTrusted(t, "192.168.1.8")).toBe(false);
    expect(isTrusted(t, "fd12:3456::1")).toBe(true);
    expect(isTrusted(t, "fe80::1")).toBe(false);
    expect(isTrusted(t, "::1")).toBe(true);
    expect(isTrusted(t, "::ffff:10.1.2.3")).toBe(true); // IPv4-mapped, as a dual-stack socket reports it
    expect(isTrusted(t, "not an address")).toBe(false);
  });

  it("refuses malformed entries with a clear message", () => {
    for (const bad of ["10.0.0.0/33", "fd00::/129", "example.com", "10.0.0.0/8/1", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/HAVEN_TRUSTED_PROXIES: .* is not an IPv4 or IPv6 address or CIDR range/);
    }
    expect(parseTrustedProxies("").entries).toEqual([]);
  });

  it("normalises addresses", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.5:5123")).toBe("203.0.113.5");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("<script>")).toBeNull();
  });
});

describe("resolveClientAddress", () => {
  it("ignores a spoofed X-Forwarded-For when no proxy is trusted: the peer is the client", () => {
    expect(resolve("198.51.100.7", "1.2.3.4", "")).toBe("198.51.100.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolve("198.51.100.7", "1.2.3.4", "10.0.0.0/8")).toBe("198.51.100.7");
  });

  it("takes the address the trusted proxy saw, not what the client wrote to the left of it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; nginx at 10.0.0.2 appended the real peer.
    expect(resolve("10.0.0.2", "1.2.3.4, 203.0.113.9", "10.0.0.0/8")).toBe("203.0.113.9");
  });

  it("walks a chain of trusted proxies right to left (IPv4 and IPv6)", () => {
    expect(resolve("10.0.0.2", "1.2.3.4, 2001:db8::42, 10.0.5.5, fd00::7", "10.0.0.0/8, fd00::/8")).toBe("2001:db8::42");
    expect(resolve("::ffff:10.0.0.2", "203.0.113.9", "10.0.0.0/8")).toBe("203.0.113.9");
  });

  it("a trusted peer without a header is its own client; a garbled trusted hop means unknown", () => {
    expect(resolve("10.0.0.2", null, "10.0.0.0/8")).toBe("10.0.0.2");
    expect(resolve("10.0.0.2", "10.0.0.3", "10.0.0.0/8")).toBe("10.0.0.3");
    expect(resolve("10.0.0.2", "1.2.3.4, garbage", "10.0.0.0/8")).toBeNull();
  });

  it("without a peer the address is unknown, whatever the headers say", () => {
    expect(resolve(null, "1.2.3.4", "")).toBeNull();
    expect(resolve(null, "1.2.3.4", "0.0.0.0/0")).toBeNull();
  });
});

describe("the peer header from the socket (instrumentation hook)", () => {
  async function serve(handler: (req: http.IncomingMessage) => unknown) {
    const server = http.createServer((req, res) => res.end(JSON.stringify(handler(req))));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const get = async (headers: Record<string, string>) => {
      const body = await fetch(`http://127.0.0.1:${port}/`, { headers }).then((r) => r.text());
      return JSON.parse(body) as unknown;
    };
    return { get, close: () => new Promise((r) => server.close(r)) };
  }

  it("before the hook, a client-sent peer header is not believed", () => {
    expect(clientAddress(new Headers({ [PEER_HEADER]: "203.0.113.1", "x-forwarded-for": "203.0.113.2" }))).toBeNull();
  });

  it("replaces a client-sent peer header with the socket address; rotating X-Forwarded-For changes nothing", async () => {
    installPeerHeader();
    const { get, close } = await serve((req) => ({ peer: req.headers[PEER_HEADER], client: clientAddress(req.headers as Record<string, unknown>) }));
    try {
      expect(await get({ [PEER_HEADER]: "203.0.113.1", "x-forwarded-for": "203.0.113.2" })).toEqual({ peer: "127.0.0.1", client: "127.0.0.1" });
      expect(await get({ "x-forwarded-for": "198.51.100.99" })).toEqual({ peer: "127.0.0.1", client: "127.0.0.1" });
      // Positive control: with the loopback proxy trusted, the forwarded address is used.
      process.env.HAVEN_TRUSTED_PROXIES = "127.0.0.1/32";
      expect(await get({ "x-forwarded-for": "1.2.3.4, 198.51.100.99" })).toEqual({ peer: "127.0.0.1", client: "198.51.100.99" });
    } finally {
      await close();
    }
  });
});
