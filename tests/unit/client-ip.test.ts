import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_COUNT;
  });

  it("takes the entry our reverse proxy appended, not what the client claimed", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9")).toBe("203.0.113.9");
    expect(clientIp(null)).toBeNull();
  });

  it("walks back one entry per trusted proxy", () => {
    process.env.TRUSTED_PROXY_COUNT = "2";
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2")).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9")).toBe("203.0.113.9");
  });
});
