import { afterEach, describe, expect, it } from "vitest";
import { checkExternalImageUrl } from "@/lib/branding/image-url";

const root = process.env.APP_ROOT_DOMAIN;
afterEach(() => {
  process.env.APP_ROOT_DOMAIN = root;
});

const problem = (url: string) => {
  const r = checkExternalImageUrl(url);
  return "problem" in r ? r.problem : null;
};

describe("checkExternalImageUrl", () => {
  it("accepts https URLs to public host names, normalised", () => {
    expect(checkExternalImageUrl("https://cdn.acme-corp.com/logo.png")).toEqual({ url: "https://cdn.acme-corp.com/logo.png" });
    expect(checkExternalImageUrl("https://CDN.Example.COM/a%20b.png?v=1")).toEqual({ url: "https://cdn.example.com/a%20b.png?v=1" });
    expect(checkExternalImageUrl("https://bücher.de/logo.png")).toEqual({ url: "https://xn--bcher-kva.de/logo.png" });
    expect(checkExternalImageUrl("https://cdn.example.com:443/logo.png")).toEqual({ url: "https://cdn.example.com/logo.png" });
  });

  it.each([
    ["http://cdn.example.com/logo.png", /https/],
    ["ftp://cdn.example.com/logo.png", /https/],
    ["javascript:alert(1)", /https/],
    ["data:image/png;base64,AAAA", /https/],
    ["//cdn.example.com/logo.png", /absolute/],
    ["https://169.254.169.254/", /IP address/],
    ["https://2852039166/", /IP address/],
    ["https://0xA9FEA9FE/", /IP address/],
    ["https://0251.0376.0251.0376/", /IP address/],
    ["https://169.254.43518/", /IP address/],
    ["https://127.1/", /IP address/],
    ["https://10.0.0.1./", /IP address/],
    ["https://[::1]/", /IP address/],
    ["https://[::ffff:169.254.169.254]/", /IP address/],
    ["https://[fd00::1]/", /IP address/],
    ["https://localhost/", /public host/],
    ["https://localhost./", /public host/],
    ["https://intranet/", /public host/],
    ["https://tenant.localhost/", /private or reserved/],
    ["https://metadata.google.internal/", /private or reserved/],
    ["https://printer.local/", /private or reserved/],
    ["https://router.home.arpa/", /private or reserved/],
    ["https://1.0.0.10.in-addr.arpa/", /private or reserved/],
    ["https://evil.example/", /private or reserved/],
    ["https://nas.lan/", /private or reserved/],
    ["https://user:pw@cdn.example.com/logo.png", /user name or password/],
    ["https://user@cdn.example.com/logo.png", /user name or password/],
    ["https://cdn.example.com:8443/logo.png", /default https port/],
    ["https://cdn.example.com/logo.png\n", /control characters/],
    [" https://cdn.example.com/logo.png", /spaces/],
    ["https://cdn.example.com/lo go.png", /spaces/],
  ])("refuses %s", (url, why) => {
    expect(problem(url)).toMatch(why);
  });

  it("refuses Atrium's own hosts: the root domain and every tenant host under it", () => {
    process.env.APP_ROOT_DOMAIN = "atrium.acme-corp.com";
    expect(problem("https://atrium.acme-corp.com/api/v1/tenants")).toMatch(/Atrium itself/);
    expect(problem("https://globex.atrium.acme-corp.com/logo.png")).toMatch(/Atrium itself/);
    expect(problem("https://cdn.acme-corp.com/logo.png")).toBeNull();
  });
});
