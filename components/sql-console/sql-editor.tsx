"use client";

import { basicSetup } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { PostgreSQL, sql, type SQLNamespace } from "@codemirror/lang-sql";
import { setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { sqlHighlighting } from "./sql-highlight";

export type EditorMark = { from: number; message: string };
/** A text to put in the editor, replacing what is there; `seq` changes for each new request so the same text can be loaded twice. */
export type EditorLoad = { text: string; seq: number };

const theme = EditorView.theme({
  // Palette variables, not literals: the editor follows the dark theme with the page (app/globals.css).
  "&": { fontSize: "13px", backgroundColor: "var(--color-white, #fff)", color: "var(--color-slate-900, #0f172a)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--color-slate-900, #0f172a)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "var(--color-indigo-100, #e0e7ff)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in oklab, var(--color-slate-100, #f1f5f9) 60%, transparent)" },
  ".cm-tooltip": { backgroundColor: "var(--color-white, #fff)", color: "var(--color-slate-900, #0f172a)", border: "1px solid var(--color-slate-200, #e2e8f0)" },
  "&.cm-focused": { outline: "2px solid var(--color-indigo-600, #4f46e5)", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, monospace)", minHeight: "10rem", maxHeight: "24rem" },
  ".cm-content": { padding: "8px 0" },
  // The default icons are emoji and symbol glyphs that fonts on many systems lack (they draw as boxes); the label and its detail say enough.
  ".cm-completionIcon": { display: "none" },
  // The rejected position stands out beyond the wavy underline.
  ".cm-lintRange-error": { backgroundColor: "var(--color-red-100, #fee2e2)" },
  ".cm-completionDetail": { marginLeft: "1em", color: "var(--color-slate-500)" },
  ".cm-gutters": { backgroundColor: "var(--color-slate-50)", color: "var(--color-slate-600)", borderRight: "1px solid var(--color-slate-200)" },
});

/**
 * CodeMirror 6 with PostgreSQL highlighting, completion of the tenant's
 * tables and columns, Ctrl/Cmd+Enter to run and a lint mark at a rejected
 * position. Tab indents (a SQL editor needs it), so keyboard users leave with
 * Escape then Tab: CodeMirror's tab-focus escape, told in a visible hint the
 * page links through `describedBy`. Client only: the page imports it with
 * next/dynamic, ssr off.
 */
export default function SqlEditor({
  initialText,
  load,
  onChange,
  onRun,
  completion,
  mark,
  label,
  describedBy,
}: {
  initialText: string;
  load: EditorLoad | null;
  onChange: (text: string) => void;
  onRun: () => void;
  completion: SQLNamespace | undefined;
  mark: EditorMark | null;
  label: string;
  describedBy?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // Callbacks change every render; the editor's listeners read the latest through refs.
  const latest = useRef({ onChange, onRun });
  useEffect(() => {
    latest.current = { onChange, onRun };
  });

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: "Mod-Enter",
                run: () => {
                  latest.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          sqlHighlighting,
          keymap.of([indentWithTab]),
          language.current.of(sql({ dialect: PostgreSQL, upperCaseKeywords: true })),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}), "data-testid": "sql-editor-input" }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: PostgreSQL, upperCaseKeywords: true, schema: completion })) });
  }, [completion]);

  useEffect(() => {
    const v = view.current;
    if (!v || !load) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: load.text }, selection: { anchor: load.text.length } });
    v.focus();
  }, [load]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (!mark) {
      v.dispatch(setDiagnostics(v.state, []));
      return;
    }
    const len = v.state.doc.length;
    const from = Math.max(0, Math.min(mark.from, len));
    // Mark the word at the position (at least one character) so the underline is visible.
    const word = v.state.wordAt(from);
    const to = word && word.from === from ? word.to : Math.min(from + 1, len);
    v.dispatch(setDiagnostics(v.state, [{ from, to: Math.max(to, from), severity: "error", message: mark.message }]), { selection: { anchor: from }, scrollIntoView: true });
  }, [mark]);

  return <div ref={host} data-testid="sql-editor" className="overflow-hidden rounded-md ring-1 ring-slate-300" />;
}
