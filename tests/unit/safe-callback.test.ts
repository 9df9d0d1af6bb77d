import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/http/safe-callback";

describe("safeCallbackPath (where sign-in sends you)", () => {
  it.each([
    ["/tenants/tenant_1?tab=limits", "/tenants/tenant_1?tab=limits"],
    ["/api-keys", "/api-keys"],
    [undefined, "/tenants"],
  ])("keeps same-site path %s", (raw, want) => {
    expect(safeCallbackPath(raw)).toBe(want);
  });

  it.each(["https://evil.example/x", "//evil.example", "/\\evil.example", "/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "javascript:alert(1)", "/login?x=1", "/api/auth/signout"])(
    "refuses %s",
    (raw) => {
      expect(safeCallbackPath(raw)).toBe("/tenants");
    },
  );
});
