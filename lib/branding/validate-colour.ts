import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { HEX_COLOUR, HEX_COLOUR_MESSAGE } from "@/lib/branding/hex-colour";
import { MIN_CONTRAST, NEUTRAL_TEXT, contrastRatio, foregroundOn, WHITE } from "@/lib/branding/brand-colours";

export { HEX_COLOUR, HEX_COLOUR_MESSAGE };

export { MIN_CONTRAST };

export type BrandingWarning = { field: string; message: string; contrast: number };

export function assertHexColour(field: string, value: unknown): string {
  if (typeof value !== "string" || !HEX_COLOUR.test(value)) throw new AppError("invalid_request", `${field}: ${HEX_COLOUR_MESSAGE}`, [{ path: field, message: HEX_COLOUR_MESSAGE }]);
  return value.toLowerCase();
}

/**
 * The primary colour is a background (buttons, the letter tile, the email's
 * button) whose text is white or near-black, whichever reads. Null when one
 * reaches 4.5:1; otherwise why the colour cannot be used.
 */
export function unreadablePrimaryMessage(value: string): string | null {
  if (!HEX_COLOUR.test(value)) return null;
  const white = contrastRatio(WHITE, value);
  const best = foregroundOn(value);
  if (best.readable) return null;
  const dark = best.colour === WHITE ? contrastRatio("#020617", value) : best.contrast;
  return `${value} is too mid-toned for button text: white on it is ${white}:1 and near-black ${dark}:1, both below the ${MIN_CONTRAST}:1 WCAG AA asks for. Pick a darker or lighter colour`;
}

/** A hex colour that buttons can carry readable text on: shared by the branding and tenant schemas, so every path refuses it by field. */
export const primaryColourSchema = z
  .string()
  .regex(HEX_COLOUR, HEX_COLOUR_MESSAGE)
  .superRefine((value, ctx) => {
    const message = unreadablePrimaryMessage(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });

/**
 * The secondary colour is only ever text on white: below 4.5:1 the portal
 * shows neutral text in its place, which the tenant should know. The primary
 * needs no warning: its text colour is derived, and unreadable ones are refused.
 */
export function contrastWarnings(colours: { primary_color?: string | null; secondary_color?: string | null }): BrandingWarning[] {
  const value = colours.secondary_color;
  if (!value) return [];
  const contrast = contrastRatio(assertHexColour("secondary_color", value), WHITE);
  if (contrast >= MIN_CONTRAST) return [];
  return [
    {
      field: "secondary_color",
      contrast,
      message: `${value} on white is ${contrast}:1, below the ${MIN_CONTRAST}:1 WCAG AA asks for text, so the portal shows its neutral text colour (${NEUTRAL_TEXT}) where this colour would be text`,
    },
  ];
}
