// The in-place editor: CodeMirror 6 with TypeScript highlighting. Loaded only when a reader edits.
// Tab is left alone (it moves focus, so the editor never traps the keyboard); Shift+Enter runs.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, bracketMatching, indentOnInput } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { classHighlighter } from '@lezer/highlight';

export interface EditorHandle {
  code(): string;
  focus(): void;
  destroy(): void;
}

export function createEditor(
  parent: HTMLElement,
  code: string,
  { label, onChange, onRun }: { label: string; onChange: (code: string) => void; onRun: () => void },
): EditorHandle {
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
        keymap.of([{ key: 'Shift-Enter', run: () => (onRun(), true) }, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
  return {
    code: () => view.state.doc.toString(),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
