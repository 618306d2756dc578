// The in-place editor: CodeMirror 6 with TypeScript highlighting. Loaded only when a reader edits.
// Tab is left alone (it moves focus, so the editor never traps the keyboard). Keys as in Jupyter:
// Shift+Enter runs and moves on, Ctrl/Cmd+Enter runs in place, Escape leaves the editor.
// Type checking (type-check.ts) joins on the reader's first focus or keystroke, not when an editor
// opens by itself with a saved edit as the page loads: its worker starts with its first question.
// (Imported statically: a dynamic import here would add a preload list to the page's own script.)
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, bracketMatching, indentOnInput } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { classHighlighter } from '@lezer/highlight';
import { typeChecking } from './type-check.ts';

export interface EditorHandle {
  code(): string;
  focus(): void;
  destroy(): void;
  /** Marks line `line` (from 1) as the one that failed (and scrolls it into view); null clears the mark. */
  markLine(line: number | null, scroll?: boolean): void;
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: 'nb-error-line' });

/** The failed line's mark; any edit clears it (the line it named may no longer be there). */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      marks = line === null || line > tr.state.doc.lines ? Decoration.none : Decoration.set([errorLineMark.range(tr.state.doc.line(line).from)]);
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(
  parent: HTMLElement,
  code: string,
  { label, onChange, onRun, onLeave }: {
    label: string;
    onChange: (code: string) => void;
    /** `advance`: Shift+Enter (run, then go to the next cell) rather than Ctrl/Cmd+Enter (run in place). */
    onRun: (advance: boolean) => void;
    onLeave: () => void;
  },
): EditorHandle {
  const types = new Compartment();
  let typesOn = false;
  const startTypes = () => {
    if (typesOn) return;
    typesOn = true;
    // Dispatched after the update that asked for it has finished (no dispatch inside an update).
    queueMicrotask(() => view.dispatch({ effects: types.reconfigure(typeChecking()) }));
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        indentOnInput(),
        EditorState.tabSize.of(2),
        EditorView.lineWrapping, // no sideways scrolling: long lines wrap, on a phone too
        javascript({ typescript: true }),
        syntaxHighlighting(classHighlighter),
        errorLine,
        types.of([]),
        keymap.of([
          { key: 'Shift-Enter', run: () => (onRun(true), true) },
          { key: 'Mod-Enter', run: () => (onRun(false), true) },
          { key: 'Escape', run: () => (onLeave(), true) },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.focusChanged && update.view.hasFocus) startTypes();
          if (!update.docChanged) return;
          startTypes();
          onChange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
  return {
    code: () => view.state.doc.toString(),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
    markLine(line, scroll = true) {
      const effects: StateEffect<unknown>[] = [setErrorLine.of(line)];
      if (scroll && line !== null && line <= view.state.doc.lines) effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'center' }));
      view.dispatch({ effects });
    },
  };
}
