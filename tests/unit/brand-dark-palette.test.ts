import { converter } from "culori";
import { describe, expect, it } from "vitest";
import { brandPalette, contrastRatio, DARK_SURFACE, darkBrandPalette, MIN_CONTRAST } from "@/lib/branding/brand-colours";
import { parseThemeChoice, themeClass } from "@/lib/theme/theme-preference";

const hue = (hex: string) => converter("oklch")(hex)!.h ?? 0;
const BRANDS = ["#4f46e5", "#0b1f4d", "#000000", "#ffffff", "#facc15", "#16a34a", "#dc2626", "#777777", "#0ea5e9", "#7c3aed"];

describe("the portal's brand colours on the dark theme", () => {
  it.each(BRANDS)("%s: fill, ink and secondary text read on the dark surface, and the fill's foreground on it", (brand) => {
    const p = darkBrandPalette(brand, "#64748b");
    expect(contrastRatio(p.primary, DARK_SURFACE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(p.onPrimary, p.primary)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(p.ink, p.tint100)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(p.ink, DARK_SURFACE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(p.secondaryText, DARK_SURFACE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    // The hover fill moves away from the foreground: contrast only grows.
    expect(contrastRatio(p.onPrimary, p.primaryHover)).toBeGreaterThanOrEqual(contrastRatio(p.onPrimary, p.primary));
  });

  it("keeps the brand's hue: a colour too dark for the surface is lightened, not replaced", () => {
    for (const brand of ["#4f46e5", "#0b1f4d", "#166534", "#b91c1c", "#7c3aed"]) {
      const lifted = darkBrandPalette(brand, "#000").primary;
      expect(lifted).not.toBe(brand);
      expect(Math.abs(hue(lifted) - hue(brand))).toBeLessThan(12);
    }
  });

  it("uses a brand colour that already reads on the dark surface as it is, and leaves the light palette alone", () => {
    expect(darkBrandPalette("#facc15", "#000").primary).toBe("#facc15");
    expect(darkBrandPalette("#facc15", "#38bdf8").secondaryText).toBe("#38bdf8");
    expect(brandPalette("#4f46e5", "#64748b").primary).toBe("#4f46e5");
  });
});

describe("theme choice", () => {
  it("is light, dark or system (anything else); only an explicit choice names a class", () => {
    expect(parseThemeChoice("dark")).toBe("dark");
    expect(parseThemeChoice("light")).toBe("light");
    expect(parseThemeChoice("DARK")).toBe("system");
    expect(parseThemeChoice(undefined)).toBe("system");
    expect(themeClass("dark")).toBe("dark");
    expect(themeClass("system")).toBeUndefined();
  });
});
