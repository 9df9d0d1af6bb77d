import { wcagContrast } from "culori";

// How a tenant's colours are worn, shared by the portal shell, the editor's
// previews and the invitation email (client-safe: no server imports).

/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5;
export const WHITE = "#ffffff";
/** Tailwind's slate-950: the darkest text Atrium uses, so the range of refused colours stays narrow. */
export const NEAR_BLACK = "#020617";
/** Slate-600, the portal's body text: what the secondary colour falls back to where it would not be readable. */
export const NEUTRAL_TEXT = "#475569";
/** The dark theme's surface (cards, the portal's page; app/globals.css maps white to it): what dark-mode brand colours must read on. */
export const DARK_SURFACE = "#0f172a";
/** The dark theme's body text (slate-300), the secondary colour's fallback there. */
export const DARK_NEUTRAL_TEXT = "#cbd5e1";

// Floored, so a ratio just short of 4.5 never reads as 4.5.
const rounded = (n: number) => Math.floor(n * 100) / 100;
export const contrastRatio = (a: string, b: string) => rounded(wcagContrast(a, b));

/** #abc → #aabbcc, lower case. */
export function fullHex(hex: string): string {
  const h = hex.toLowerCase();
  return /^#[0-9a-f]{3}$/.test(h) ? `#${[...h.slice(1)].map((c) => c + c).join("")}` : h;
}

/** `amount` (0–1) of `hex` over `towards`, in sRGB: what the CSS `color-mix(in srgb…)` of both gives. */
export function mix(hex: string, towards: string, amount: number): string {
  const a = fullHex(hex);
  const b = fullHex(towards);
  const channel = (i: number) => Math.round(parseInt(a.slice(i, i + 2), 16) * amount + parseInt(b.slice(i, i + 2), 16) * (1 - amount));
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

export type Foreground = { colour: string; contrast: number; readable: boolean };

/**
 * The text colour for a brand-coloured background: white while white reaches
 * 4.5:1 (the usual look), otherwise near-black. `readable` is false for the
 * few mid-tones where neither does; those are refused on save.
 */
export function foregroundOn(background: string): Foreground {
  // Decided on the exact ratios: a rounded 4.5 may be 4.497.
  const white = wcagContrast(WHITE, background);
  if (white >= MIN_CONTRAST) return { colour: WHITE, contrast: rounded(white), readable: true };
  const dark = wcagContrast(NEAR_BLACK, background);
  return dark >= white ? { colour: NEAR_BLACK, contrast: rounded(dark), readable: dark >= MIN_CONTRAST } : { colour: WHITE, contrast: rounded(white), readable: false };
}

/** The brand colour itself as text on `background` if it is readable there, else the same hue darkened until it is. */
export function inkOn(colour: string, background = WHITE): string {
  for (let amount = 1; amount > 0; amount -= 0.05) {
    const ink = mix(colour, NEAR_BLACK, amount);
    if (wcagContrast(ink, background) >= MIN_CONTRAST) return ink;
  }
  return NEAR_BLACK;
}

/** The brand colour itself on a dark background if it is readable there, else the same hue lightened until it is. */
export function liftOn(colour: string, background = DARK_SURFACE): string {
  for (let amount = 1; amount > 0; amount -= 0.05) {
    const lifted = mix(colour, WHITE, amount);
    if (wcagContrast(lifted, background) >= MIN_CONTRAST) return lifted;
  }
  return WHITE;
}

/** The secondary colour as text only where it holds 4.5:1 against the background; otherwise the neutral text colour. */
export function secondaryTextColour(secondary: string, background = WHITE, fallback = NEUTRAL_TEXT): string {
  return wcagContrast(secondary, background) >= MIN_CONTRAST ? fullHex(secondary) : fallback;
}

export type BrandPalette = {
  primary: string;
  /** Text and icons on a primary background. */
  onPrimary: string;
  /** Hover background: the primary moved away from its foreground, so contrast only grows. */
  primaryHover: string;
  /** The primary as text or accents on white and on its own light tints. */
  ink: string;
  tint50: string;
  tint100: string;
  tint200: string;
  tint300: string;
  secondary: string;
  /** The secondary colour where it is used as text. */
  secondaryText: string;
};

export function brandPalette(primary: string, secondary: string): BrandPalette {
  const p = fullHex(primary);
  const on = foregroundOn(p);
  const tint = (pct: number) => mix(p, WHITE, pct);
  const tint100 = tint(0.16);
  return {
    primary: p,
    onPrimary: on.colour,
    primaryHover: mix(p, on.colour === WHITE ? "#000000" : WHITE, 0.85),
    ink: inkOn(p, tint100),
    tint50: tint(0.08),
    tint100,
    tint200: tint(0.3),
    tint300: tint(0.5),
    secondary: fullHex(secondary),
    secondaryText: secondaryTextColour(secondary),
  };
}

/**
 * The same roles for the dark theme. The brand stays the hue of every accent,
 * but a fill that would vanish into the dark surface (most brand colours are
 * chosen for white) is lightened until it reads there as text, and its
 * foreground is decided again on that fill; tints are the brand over the dark
 * surface instead of over white, and the ink on them is lifted the same way.
 */
export function darkBrandPalette(primary: string, secondary: string): BrandPalette {
  const p = fullHex(primary);
  const fill = liftOn(p, DARK_SURFACE);
  const on = foregroundOn(fill);
  const tint = (pct: number) => mix(p, DARK_SURFACE, pct);
  const tint100 = tint(0.24);
  return {
    primary: fill,
    onPrimary: on.colour,
    primaryHover: mix(fill, on.colour === WHITE ? "#000000" : WHITE, 0.85),
    ink: liftOn(p, tint100),
    tint50: tint(0.14),
    tint100,
    tint200: tint(0.4),
    tint300: tint(0.55),
    secondary: fullHex(secondary),
    secondaryText: secondaryTextColour(secondary, DARK_SURFACE, DARK_NEUTRAL_TEXT),
  };
}
