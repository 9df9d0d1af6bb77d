import { describe, expect, it } from "vitest";
import { sameOriginAssetUrls } from "@/lib/mail/same-origin-asset-urls";

describe("mail HTML shown inside Atrium", () => {
  const asset = "/api/v1/tenants/tnt_abc123/branding/assets/logo_0123456789abcdef0123456789abcdef";

  it("Atrium's own asset URLs on any host become same-origin paths", () => {
    expect(sameOriginAssetUrls(`<img src="http://acme.localhost:3000${asset}" alt="Acme">`)).toBe(`<img src="${asset}" alt="Acme">`);
    expect(sameOriginAssetUrls(`<p><img src="https://portal.customer.example${asset}"></p>`)).toBe(`<p><img src="${asset}"></p>`);
  });

  it("anything else is left as it is", () => {
    for (const html of [
      `<img src="https://evil.example/pixel.png">`,
      `<img src="https://evil.example${asset}/x">`,
      `<a href="http://acme.localhost:3000${asset}">logo</a>`,
      `<img src="${asset}">`,
    ]) {
      expect(sameOriginAssetUrls(html)).toBe(html);
    }
  });
});
