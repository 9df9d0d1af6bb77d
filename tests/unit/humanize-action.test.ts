import { describe, expect, it } from "vitest";
import { humanizeAction } from "@/components/console/format";

describe("audit action labels", () => {
  it("reads as words, with acronyms in capitals", () => {
    expect(humanizeAction("tenant.deletion_scheduled")).toBe("Deletion scheduled");
    expect(humanizeAction("api_key.revoked")).toBe("API key revoked");
    expect(humanizeAction("api_key.created")).toBe("API key created");
    expect(humanizeAction("member.joined")).toBe("Member joined");
    // Only whole words: "rapid" keeps its letters.
    expect(humanizeAction("tenant.rapid_change")).toBe("Rapid change");
  });
});
