import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/**
 * CodeMirror's default colours include greens and oranges under 4.5:1 on
 * white (axe fails the page with a type name in it); these are the same hues
 * a few steps darker, readable on the editor, its active line and a lint mark.
 */
export const sqlHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.keyword, color: "#6b21a8" },
    { tag: [tags.atom, tags.bool, tags.null], color: "#1e3a8a" },
    { tag: [tags.number, tags.literal], color: "#166534" },
    { tag: [tags.string, tags.special(tags.string)], color: "#9f1239" },
    { tag: [tags.regexp, tags.escape], color: "#9a3412" },
    { tag: [tags.typeName, tags.namespace], color: "#115e59" },
    { tag: [tags.special(tags.variableName), tags.macroName], color: "#1e40af" },
    { tag: tags.comment, color: "#854d0e", fontStyle: "italic" },
    { tag: tags.invalid, color: "#b91c1c" },
  ]),
);
