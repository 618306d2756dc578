// Types in the editor: errors underlined as the reader types, completion of the engine's names with
// their signatures and doc comments, a value's type on hover. The checker (TypeScript 5) runs in one
// worker per page, started by the first edit; this module is loaded then too. A type error never
// stops a run: the checker only advises.
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { linter, type Diagnostic } from '@codemirror/lint';
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { TypesAnswers, TypesQuery, TypesRequest, TypesResponse } from '../../src/notebook/types/protocol.ts';

/**
 * The page's cells as they are now, in order, and which one `view` holds. Read from the page (an
 * open editor's text, else the cell's code as built) so that the page's own script carries nothing
 * for the checker; this is what cells.ts's DomCell.code() returns.
 */
function pageCells(view: EditorView): { cells: string[]; index: number } {
  const roots = [...document.querySelectorAll<HTMLElement>('.nb-cell')];
  const cells = roots.map((root) => {
    const editor = root.querySelector<HTMLElement>('.cm-editor');
    const open = editor && EditorView.findFromDOM(editor);
    return open ? open.state.doc.toString() : (root.querySelector('pre')?.textContent ?? '').replace(/\n$/, '');
  });
  const here = view.dom.closest<HTMLElement>('.nb-cell');
  return { cells, index: here ? roots.indexOf(here) : -1 };
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (response: TypesResponse) => void>();

function checker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../../src/notebook/types/type-check.worker.ts', import.meta.url), { type: 'module', name: 'type check' });
  worker.onmessage = (event: MessageEvent<TypesResponse>) => {
    pending.get(event.data.id)?.(event.data);
    pending.delete(event.data.id);
  };
  // A checker that cannot start leaves the editor as it was: no advice, nothing broken.
  worker.onerror = () => {
    for (const resolve of pending.values()) resolve({ id: 0, error: 'the type checker stopped' });
    pending.clear();
  };
  return worker;
}

function ask<K extends TypesQuery['kind']>(view: EditorView, query: Extract<TypesQuery, { kind: K }>): Promise<TypesAnswers[K] | null> {
  const { cells, index } = pageCells(view);
  if (index < 0) return Promise.resolve(null);
  // The state being checked is this view's (the DOM's view may be a transaction behind).
  cells[index] = view.state.doc.toString();
  const request = { ...query, id: nextId++, cells, cell: index } as TypesRequest;
  return new Promise((resolve) => {
    pending.set(request.id, (response) => resolve('error' in response ? null : (response.result as TypesAnswers[K])));
    checker().postMessage(request);
  });
}

export function typeChecking(): Extension {
  return [
    linter(async (view) => {
      const found = await ask(view, { kind: 'diagnostics' });
      return (found ?? []) satisfies Diagnostic[];
    }, { delay: 400 }),
    autocompletion({ override: [(c) => complete(c)], icons: true }),
    hoverTooltip(async (view, pos) => {
      const hover = await ask(view, { kind: 'hover', pos });
      if (!hover) return null;
      return { pos: hover.from, end: hover.to, above: true, create: () => ({ dom: typeInfo(hover.signature, hover.documentation) }) };
    }),
  ];
}

async function complete(c: CompletionContext): Promise<CompletionResult | null> {
  // The list opens by itself only after a dot (`nn.`, `W1.`); anywhere else Ctrl+Space asks for it,
  // so that typing a name does not put a list in the way of Enter and Escape.
  if (!c.explicit && !c.matchBefore(/\.[\w$]*/)) return null;
  const list = await ask(c.view!, { kind: 'completions', pos: c.pos });
  if (!list || c.aborted) return null;
  const pos = c.pos;
  return {
    from: list.from,
    validFor: /^[\w$]*$/,
    options: list.options.map((o): Completion => ({
      label: o.label,
      type: o.type,
      info: async () => {
        const details = await ask(c.view!, { kind: 'details', pos, name: o.label });
        return details ? typeInfo(details.signature, details.documentation) : null;
      },
    })),
  };
}

/** A signature in code type and its doc comment under it. */
function typeInfo(signature: string, documentation: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'nb-type-info';
  const code = document.createElement('code');
  code.textContent = signature;
  box.append(code);
  if (documentation) {
    const doc = document.createElement('p');
    doc.textContent = documentation;
    box.append(doc);
  }
  return box;
}
