/**
 * Whether a keydown may be read as a single-key shortcut: never while the
 * person types (inputs, textareas, selects, contenteditable, editors), never
 * with Ctrl, ⌘ or Alt held (those belong to the browser and the system), and
 * never while a modal dialog is open (it owns the keyboard). Shift only makes
 * the characters that need it, such as `?`.
 */
export function isShortcutEvent(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing || e.metaKey || e.ctrlKey || e.altKey) return false;
  const el = e.target instanceof Element ? e.target : null;
  if (el && (el.closest("input, textarea, select, [contenteditable]:not([contenteditable='false']), [role=textbox], [role=combobox], .cm-editor") || (el as HTMLElement).isContentEditable)) return false;
  return !document.querySelector("dialog[open]");
}
