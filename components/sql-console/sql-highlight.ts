import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/**
 * CodeMirror's default colours include greens and oranges under 4.5:1 on
 * white (axe fails the page with a type name in it); these are the same hues
 * a few steps darker, readable on the editor, its active line and a lint mark.
 */
export const sqlHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.keyword, color: "var(--color-purple-800, #6b21a8)" },
    { tag: [tags.atom, tags.bool, tags.null], color: "var(--color-blue-900, #1e3a8a)" },
    { tag: [tags.number, tags.literal], color: "var(--color-green-800, #166534)" },
    { tag: [tags.string, tags.special(tags.string)], color: "var(--color-rose-800, #9f1239)" },
    { tag: [tags.regexp, tags.escape], color: "var(--color-orange-800, #9a3412)" },
    { tag: [tags.typeName, tags.namespace], color: "var(--color-teal-800, #115e59)" },
    { tag: [tags.special(tags.variableName), tags.macroName], color: "var(--color-blue-800, #1e40af)" },
    { tag: tags.comment, color: "var(--color-yellow-800, #854d0e)", fontStyle: "italic" },
    { tag: tags.invalid, color: "var(--color-red-700, #b91c1c)" },
  ]),
);
