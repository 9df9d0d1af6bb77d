import { describe, expect, it } from "vitest";
import { NEAR_BLACK, brandPalette, contrastRatio, foregroundOn, inkOn, secondaryTextColour, NEUTRAL_TEXT } from "@/lib/branding/brand-colours";
import { assertHexColour, contrastWarnings, unreadablePrimaryMessage } from "@/lib/branding/validate-colour";
import { brandingFieldsSchema } from "@/lib/schemas/branding";
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

  it("derives white or near-black text for a brand background, whichever reaches 4.5:1", () => {
    expect(foregroundOn("#4f46e5")).toMatchObject({ colour: "#ffffff", readable: true });
    // The issue's example: white on #fde047 is 1.32:1, so its buttons get near-black text.
    expect(contrastRatio("#ffffff", "#fde047")).toBeLessThan(1.35);
    expect(foregroundOn("#fde047")).toMatchObject({ colour: NEAR_BLACK, readable: true });
    expect(foregroundOn("#fde047").contrast).toBeGreaterThanOrEqual(4.5);
    // A mid-tone where neither does.
    expect(foregroundOn("#0077dd").readable).toBe(false);
  });

  it("keeps every derived pairing readable: button text, hover, and the colour as text on its tints", () => {
    for (const c of ["#fde047", "#ffff00", "#0b5fff", "#0f766e", "#e11d48", "#808080", "#111111", "#ffffff"]) {
      const p = brandPalette(c, "#94a3b8");
      expect(contrastRatio(p.onPrimary, p.primary), c).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.onPrimary, p.primaryHover), c).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.ink, p.tint100), c).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p.ink, "#ffffff"), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(inkOn("#1e3a8a")).toBe("#1e3a8a");
  });

  it("uses the secondary colour as text only where it reads on white", () => {
    expect(secondaryTextColour("#1e3a8a")).toBe("#1e3a8a");
    expect(secondaryTextColour("#94a3b8")).toBe(NEUTRAL_TEXT);
    expect(contrastWarnings({ secondary_color: "#94a3b8" })).toEqual([{ field: "secondary_color", contrast: 2.56, message: expect.stringMatching(/2\.56:1.*neutral text/) }]);
    expect(contrastWarnings({ primary_color: "#ffff00", secondary_color: "#1e3a8a" })).toEqual([]);
    expect(contrastWarnings({})).toEqual([]);
  });

  it("refuses an unreadable primary colour in the schema, naming the field", () => {
    expect(unreadablePrimaryMessage("#fde047")).toBeNull();
    const r = brandingFieldsSchema.safeParse({ primary_color: "#0077dd" });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["primary_color"], message: expect.stringMatching(/#0077dd.*4\.5:1/) })]);
  });
});
