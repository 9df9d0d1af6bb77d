import { wcagContrast } from "culori";
import { AppError } from "@/lib/http/errors";
import { HEX_COLOUR, HEX_COLOUR_MESSAGE } from "@/lib/schemas/branding";

export { HEX_COLOUR, HEX_COLOUR_MESSAGE };

/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5;

export type BrandingWarning = { field: string; message: string; contrast: number };

export function assertHexColour(field: string, value: unknown): string {
  if (typeof value !== "string" || !HEX_COLOUR.test(value)) throw new AppError("invalid_request", `${field}: ${HEX_COLOUR_MESSAGE}`, [{ path: field, message: HEX_COLOUR_MESSAGE }]);
  return value.toLowerCase();
}

const rounded = (n: number) => Math.round(n * 100) / 100;

/**
 * Both brand colours carry white text in the portal (buttons, the header), so
 * each is checked against white. Low contrast is the tenant's call: a warning,
 * never an error.
 */
export function contrastWarnings(colours: { primary_color?: string | null; secondary_color?: string | null }): BrandingWarning[] {
  const out: BrandingWarning[] = [];
  for (const field of ["primary_color", "secondary_color"] as const) {
    const value = colours[field];
    if (!value) continue;
    const contrast = rounded(wcagContrast(assertHexColour(field, value), "#ffffff"));
    if (contrast < MIN_CONTRAST) {
      out.push({ field, contrast, message: `White text on ${value} has a contrast of ${contrast}:1, below the ${MIN_CONTRAST}:1 that WCAG AA asks for; text may be hard to read` });
    }
  }
  return out;
}
