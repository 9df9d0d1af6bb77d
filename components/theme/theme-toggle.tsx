/** Placeholder: the light/dark/system theme toggle (issue 14, dark mode). */
export function ThemeToggle() {
  return null;
}
