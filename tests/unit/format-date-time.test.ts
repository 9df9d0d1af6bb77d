import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/components/console/format";

describe("formatDateTime", () => {
  // Node's ICU writes the midnight hour as "24" under hour12: false while browsers write "00": the server's HTML then
  // differs from the client's render and React throws away the page (hydration error #418) for that hour of every day.
  it("writes the midnight hour as 00, as browsers do", () => {
    expect(formatDateTime("2026-12-05T00:41:00Z")).toBe("Dec 5, 2026, 00:41 UTC");
    expect(formatDateTime("2026-12-05T23:59:00Z")).toBe("Dec 5, 2026, 23:59 UTC");
  });
});
