import { describe, expect, it } from "vitest";
import { assertHexColour, contrastWarnings } from "@/lib/branding/validate-colour";
import { AppError } from "@/lib/http/errors";

describe("brand colours", () => {
  it("accepts #rgb and #rrggbb, lower-cased", () => {
    expect(assertHexColour("primary_color", "#0B5FFF")).toBe("#0b5fff");
    expect(assertHexColour("primary_color", "#abc")).toBe("#abc");
  });

  it("refuses anything else with a 400 naming the field", () => {
    for (const bad of ["red;}body{display:none", "red", "#12345", "#1234567", "rgb(0,0,0)", "#fff;", " #fff", 42]) {
      let err: unknown;
      try {
        assertHexColour("secondary_color", bad);
      } catch (e) {
        err = e;
      }
      expect(err, String(bad)).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).details).toEqual([{ path: "secondary_color", message: expect.any(String) }]);
    }
  });

  it("warns (does not refuse) when white text on a brand colour is below 4.5:1", () => {
    const warnings = contrastWarnings({ primary_color: "#ffff00", secondary_color: "#1e3a8a" });
    expect(warnings).toEqual([{ field: "primary_color", contrast: 1.07, message: expect.stringMatching(/1\.07:1.*4\.5:1/) }]);
    expect(contrastWarnings({ primary_color: "#007bff" })[0]).toMatchObject({ field: "primary_color", contrast: 3.98 });
    expect(contrastWarnings({ primary_color: "#0056b3", secondary_color: "#495057" })).toEqual([]);
    expect(contrastWarnings({})).toEqual([]);
  });
});
