import type { HeaderScope } from "@/components/header/header-scope";

/** Placeholder: the ⌘K command palette and its header button (issue 14, finding and acting fast). */
export function CommandPalette(props: { scope: HeaderScope }) {
  void props;
  return null;
}
