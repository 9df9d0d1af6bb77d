// The colour scheme a person chose, shared by the root layout (server) and the toggle (browser).

export const THEME_COOKIE = "atrium-theme";
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * The class on <html>: an explicit choice names itself; "system" leaves it
 * off and the stylesheet follows prefers-color-scheme (app/globals.css), so
 * the first paint is right without any script.
 */
export function themeClass(choice: ThemeChoice): string | undefined {
  return choice === "system" ? undefined : choice;
}
