import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";
import { canonicalIp, normalizeForwardedHeaders } from "@/lib/http/forwarded-headers";

const envBefore = { ATRIUM_SERVER: process.env.ATRIUM_SERVER, TRUSTED_PROXY_COUNT: process.env.TRUSTED_PROXY_COUNT };
afterEach(() => {
  for (const [k, v] of Object.entries(envBefore)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const hostile = () => ({
  host: "localhost:3000",
  "x-forwarded-for": "6.6.6.6, 7.7.7.7",
  "x-forwarded-host": "evil.test",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-forwarded-prefix": "/evil",
  forwarded: "for=6.6.6.6;host=evil.test",
  "x-real-ip": "6.6.6.6",
  "x-atrium-client-ip": "6.6.6.6",
  "user-agent": "ua",
});

describe("Atrium's server: forwarding headers from the socket and TRUSTED_PROXY_COUNT", () => {
  it("with no trusted proxy, every client-sent forwarding header is replaced by the socket's address and the Host", () => {
    const h = normalizeForwardedHeaders(hostile(), { remoteAddress: "::ffff:203.0.113.9" }, 0);
    expect(h).toEqual({
      host: "localhost:3000",
      "user-agent": "ua",
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "localhost:3000",
      "x-forwarded-proto": "http",
      "x-atrium-client-ip": "203.0.113.9",
    });
    expect(normalizeForwardedHeaders({ host: "a" }, { remoteAddress: "::1", encrypted: true }, 0)).toMatchObject({ "x-forwarded-for": "::1", "x-forwarded-proto": "https", "x-atrium-client-ip": "::1" });
  });

  it("behind n proxies the client is the n-th entry from the end; the socket (the nearest proxy) is appended", () => {
    const one = normalizeForwardedHeaders(hostile(), { remoteAddress: "10.0.0.2" }, 1);
    expect(one).toMatchObject({ "x-forwarded-for": "6.6.6.6, 7.7.7.7, 10.0.0.2", "x-atrium-client-ip": "7.7.7.7", "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "https" });
    expect(one.forwarded).toBeUndefined();
    expect(one["x-real-ip"]).toBeUndefined();
    expect(normalizeForwardedHeaders(hostile(), { remoteAddress: "10.0.0.2" }, 2)["x-atrium-client-ip"]).toBe("6.6.6.6");
    // A chain shorter than configured: its earliest entry.
    expect(normalizeForwardedHeaders(hostile(), { remoteAddress: "10.0.0.2" }, 5)["x-atrium-client-ip"]).toBe("6.6.6.6");
    // Repeated header lines are one chain.
    expect(normalizeForwardedHeaders({ "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] }, { remoteAddress: "10.0.0.2" }, 1)["x-atrium-client-ip"]).toBe("2.2.2.2");
    // No chain at all: the socket itself.
    expect(normalizeForwardedHeaders({}, { remoteAddress: "10.0.0.2" }, 1)["x-atrium-client-ip"]).toBe("10.0.0.2");
    // Garbage where the client should be names nobody, and an odd proto is not believed.
    const junk = normalizeForwardedHeaders({ "x-forwarded-for": "not-an-ip", "x-forwarded-proto": "gopher" }, { remoteAddress: "10.0.0.2" }, 1);
    expect(junk["x-atrium-client-ip"]).toBeUndefined();
    expect(junk["x-forwarded-proto"]).toBe("http");
  });

  it("canonical addresses", () => {
    expect(canonicalIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(canonicalIp("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(canonicalIp("127.0.0.1:5000")).toBeNull();
    expect(canonicalIp(undefined)).toBeNull();
  });
});

describe("clientIp", () => {
  it("under Atrium's server, only x-atrium-client-ip counts", () => {
    process.env.ATRIUM_SERVER = "1";
    process.env.TRUSTED_PROXY_COUNT = "1";
    expect(clientIp(new Headers({ "x-atrium-client-ip": "203.0.113.9", "x-forwarded-for": "6.6.6.6" }))).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6" })).toBeNull();
  });

  it("without it (a bare next start), X-Forwarded-For counts only as far as trusted proxies vouch for it", () => {
    delete process.env.ATRIUM_SERVER;
    delete process.env.TRUSTED_PROXY_COUNT;
    const forged = new Headers({ "x-forwarded-for": "6.6.6.6", "x-atrium-client-ip": "6.6.6.6" });
    expect(clientIp(forged)).toBeNull();
    process.env.TRUSTED_PROXY_COUNT = "1";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
    process.env.TRUSTED_PROXY_COUNT = "2";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }))).toBe("203.0.113.9");
    process.env.TRUSTED_PROXY_COUNT = "one";
    expect(() => clientIp(new Headers())).toThrow(/TRUSTED_PROXY_COUNT must be a whole number/);
  });
});
