// Turns each build-time cell (.nb-cell: a bar, Shiki's highlighted <pre>, an empty output area) into
// a live cell: Run, Stop, Edit, Reset, Run all above, Jupyter's keys, edits kept across reloads. The
// page gets one toolbar above its first cell: Restart (clears every cell's state) and the shortcuts.
import { CellController, type CellState, type CellView } from '../../src/notebook/controller.ts';
import type { CellError, OutputItem } from '../../src/notebook/protocol.ts';
import { OutputView } from './render.ts';
import { markExercisePassed } from '../../src/progress.ts';
import { editKey, loadEdit, saveEdit } from './store.ts';
import type { EditorHandle } from './editor.ts';

/** The shortcuts' help loads when first asked for. */
function openShortcuts(): void {
  void import('./shortcuts.ts').then((m) => m.openShortcuts());
}

export function startCells(): void {
  const roots = [...document.querySelectorAll<HTMLElement>('.nb-cell')];
  if (roots.length === 0) return;
  const cells = roots.map((root, i) => new DomCell(root, i));
  const controller = new CellController(cells);
  for (const cell of cells) cell.connect(controller, cells);
  roots[0].before(toolbar(controller, cells));
  // "?" outside a text field lists the keys, as in Jupyter's command mode.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
    e.preventDefault();
    openShortcuts();
  });
}

function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t?.closest?.('input, textarea, select, [contenteditable="true"], .cm-editor');
}

function toolbar(controller: CellController, cells: DomCell[]): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'nb-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Cells of this page');
  const restart = button('↻ Restart', 'nb-restart', "Restart: clear every cell's variables and output on this page");
  restart.addEventListener('click', () => controller.restart());
  const keys = button('Shortcuts (?)', 'nb-keys', 'Keyboard shortcuts');
  keys.setAttribute('aria-haspopup', 'dialog');
  keys.addEventListener('click', () => openShortcuts());
  bar.append(restart, keys, downloads(cells));
  return bar;
}

/**
 * "Take it home": the page's cells (with the reader's edits) as a TypeScript file or a Deno notebook,
 * and nn.js (the engine they import) with this site's address for loadMnist. Built on click.
 */
function downloads(cells: DomCell[]): HTMLElement {
  const group = document.createElement('span');
  group.className = 'nb-downloads';
  group.append("Download this chapter's cells: ");
  const slug = location.pathname.split('/').filter(Boolean).pop() ?? 'chapter';
  const title = document.querySelector('h1')?.textContent?.trim() ?? slug;
  const exported = () => cells.map((c) => ({ number: c.index + 1, code: c.code(), selfContained: c.isSelfContained }));
  const items: [string, string, () => Promise<string>][] = [
    ['.ts', `${slug}.ts`, async () => (await import('../../src/notebook/export.ts')).exportScript(exported(), title)],
    ['.ipynb (Deno)', `${slug}.ipynb`, async () => (await import('../../src/notebook/export.ts')).exportNotebook(exported(), title)],
    ['nn.js (the engine)', 'nn.js', async () => {
      const base = new URL(import.meta.env.BASE_URL, location.origin).href;
      const response = await fetch(new URL('nn.js', base));
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      return (await response.text()).replace('__NN_SITE__', base);
    }],
  ];
  items.forEach(([text, file, make], k) => {
    const b = button(text, 'nb-download', `Download ${file}`);
    b.addEventListener('click', async () => {
      try {
        save(file, await make());
      } catch (error) {
        b.title = `Could not prepare ${file}: ${(error as Error).message}`;
        b.textContent = `${text}: failed, retry`;
      }
    });
    group.append(b, k < items.length - 1 ? ' ' : '');
  });
  return group;
}

function save(file: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: file.endsWith('.ipynb') ? 'application/x-ipynb+json' : 'text/plain' }));
  link.download = file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The next cell a reader can see (a solution inside closed <details> is skipped), for Shift+Enter. */
function nextVisible(all: DomCell[], from: number): DomCell | undefined {
  return all.slice(from + 1).find((c) => c.root.checkVisibility?.() ?? c.root.offsetParent !== null);
}

function button(text: string, className: string, label?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `nb-button ${className}`;
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  return b;
}

class DomCell implements CellView {
  private readonly original: string;
  private readonly pre: HTMLElement;
  private readonly output: OutputView;
  private readonly status = document.createElement('span');
  private readonly badge = document.createElement('span');
  private readonly stale = document.createElement('span');
  private readonly runButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly editButton: HTMLButtonElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly key: string;
  private editor: EditorHandle | null = null;
  private editorHost: HTMLElement | null = null;
  private opening: Promise<void> | null = null;
  private lastMs = 0;
  private controller: CellController | null = null;
  private all: DomCell[] = [];

  constructor(readonly root: HTMLElement, readonly index: number) {
    this.pre = root.querySelector('pre')!;
    this.original = (this.pre.textContent ?? '').replace(/\n$/, '');
    const outputRoot = root.querySelector<HTMLElement>('.nb-output')!;
    outputRoot.setAttribute('aria-label', `Output of cell ${index + 1}`);
    outputRoot.setAttribute('role', 'region');
    this.output = new OutputView(outputRoot);
    this.key = editKey(location.pathname, index, this.original);
    const n = index + 1;
    this.runButton = button('▶ Run', 'nb-run', `Run cell ${n}`);
    this.stopButton = button('■ Stop', 'nb-stop', `Stop cell ${n}`);
    this.editButton = button('Edit', 'nb-edit', `Edit cell ${n}`);
    this.resetButton = button('Reset', 'nb-reset', `Reset cell ${n} to the original code`);
  }

  get isSelfContained(): boolean {
    return this.root.dataset.exercise !== undefined || this.root.dataset.solution !== undefined;
  }

  connect(controller: CellController, all: DomCell[]): void {
    this.controller = controller;
    this.all = all;
    const bar = this.root.querySelector<HTMLElement>('.nb-bar')!;
    this.stale.className = 'nb-stale';
    this.stale.hidden = true;
    this.badge.className = 'nb-badge';
    this.badge.textContent = 'edited';
    this.badge.hidden = true;
    this.status.className = 'nb-status';
    this.status.setAttribute('role', 'status');
    const tools = document.createElement('span');
    tools.className = 'nb-tools';
    tools.append(this.runButton, this.stopButton, this.editButton, this.resetButton);
    if (this.index > 0 && !this.isSelfContained) {
      const above = button('Run all above', 'nb-above', `Run all above cell ${this.index + 1}`);
      above.addEventListener('click', () => {
        // This cell's old error (often "run the cell that defines it first") no longer holds.
        if (!controller.isBusy(this)) {
          this.clearOutput();
          this.setState('idle');
        }
        all.slice(0, this.index).filter((c) => !c.isSelfContained).forEach((c) => controller.run(c));
      });
      tools.append(above);
    }
    bar.querySelector('.nb-label')?.after(this.badge, this.stale);
    bar.append(this.status, tools);
    this.stopButton.disabled = true;
    this.resetButton.hidden = true;
    this.runButton.addEventListener('click', () => controller.run(this));
    this.stopButton.addEventListener('click', () => controller.stop(this));
    this.editButton.addEventListener('click', () => void this.openEditor(this.code(), true, controller));
    this.resetButton.addEventListener('click', () => this.reset());
    // Outside the editor (on the code or the cell itself) the same keys work; Enter alone starts editing.
    this.root.tabIndex = -1;
    this.root.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.defaultPrevented || e.altKey || (e.target as HTMLElement).closest('button, .cm-editor, summary')) return;
      e.preventDefault();
      if (e.shiftKey) this.runAndAdvance(true);
      else if (e.ctrlKey || e.metaKey) this.runAndAdvance(false);
      else if (e.target === this.root || e.target === this.pre) void this.openEditor(this.code(), true, controller);
    });
    this.root.classList.add('nb-live');
    const saved = loadEdit(this.key);
    if (saved !== null && saved !== this.original) void this.openEditor(saved, false, controller);
  }

  code(): string {
    return this.editor ? this.editor.code() : this.original;
  }

  /** Shift+Enter runs and moves to the next cell (its editor if open); Ctrl/Cmd+Enter stays here. */
  private runAndAdvance(advance: boolean): void {
    this.controller?.run(this);
    if (!advance) return;
    const next = nextVisible(this.all, this.index);
    if (!next) return;
    next.root.scrollIntoView({ block: 'nearest' });
    next.focusCell();
  }

  focusCell(): void {
    if (this.editor) this.editor.focus();
    else this.root.focus();
  }

  setStale(note: string | null): void {
    this.stale.textContent = note ?? '';
    this.stale.hidden = note === null;
  }

  setState(state: CellState, note?: string): void {
    this.root.dataset.state = state;
    const busy = state === 'running' || state === 'queued';
    this.stopButton.disabled = !busy;
    this.runButton.disabled = busy;
    const time = this.lastMs >= 1000 ? ` in ${(this.lastMs / 1000).toFixed(1)} s` : '';
    const text: Record<CellState, string> = {
      idle: note ?? '',
      queued: note ? `Queued: ${note.toLowerCase()}` : 'Queued',
      running: 'Running…',
      done: `Done${time}`,
      error: note ?? 'Error',
      stopped: 'Stopped',
    };
    this.status.textContent = text[state];
    if (state === 'running') this.lastMs = 0;
    if (state === 'stopped' && note) this.output.append([{ kind: 'text', stream: 'notice', text: note }]);
  }

  setElapsed(ms: number, finished: boolean): void {
    this.lastMs = ms;
    if (!finished && ms >= 1000) this.status.textContent = `Running… ${(ms / 1000).toFixed(1)} s`;
  }

  clearOutput(): void {
    this.output.clear();
    for (const line of this.pre.querySelectorAll('.nb-error-line')) line.classList.remove('nb-error-line');
    this.editor?.markLine(null);
  }

  appendOutput(items: OutputItem[]): void {
    this.output.append(items);
    this.rememberPassedExercise(items);
  }

  /** An exercise counts as passed (for the contents page) when the reader's own cell passes a check in full. */
  private rememberPassedExercise(items: OutputItem[]): void {
    const name = this.root.dataset.exercise;
    if (!name) return;
    if (items.some((item) => item.kind === 'check' && item.total > 0 && item.passed === item.total)) {
      markExercisePassed(name);
    }
  }

  showError(error: CellError, hint?: string): void {
    this.output.error(error, hint);
    if (error.line && (error.cell === undefined || error.cell === this.index + 1)) this.markErrorLine(error.line, true);
  }

  markErrorLine(number: number, scroll: boolean): void {
    if (this.editor) {
      this.editor.markLine(number, scroll);
      return;
    }
    const line = this.pre.querySelectorAll('.line')[number - 1];
    line?.classList.add('nb-error-line');
    if (scroll) line?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  private async openEditor(code: string, focus: boolean, controller: CellController): Promise<void> {
    if (this.editor) {
      if (focus) this.editor.focus();
      return;
    }
    this.opening ??= (async () => {
      this.editButton.disabled = true;
      const { createEditor } = await import('./editor.ts');
      const host = document.createElement('div');
      host.className = 'nb-editor';
      this.pre.after(host);
      this.pre.hidden = true;
      this.editorHost = host;
      this.editor = createEditor(host, code, {
        label: `Code of cell ${this.index + 1}`,
        onChange: (next) => {
          this.edited(next);
          controller.edited(this);
        },
        onRun: (advance) => this.runAndAdvance(advance),
        onLeave: () => this.root.focus(),
      });
      this.editButton.hidden = true;
      this.editButton.disabled = false;
      this.edited(code);
    })();
    await this.opening;
    this.opening = null;
    if (focus) (this.editor as EditorHandle | null)?.focus();
  }

  private edited(code: string): void {
    const changed = code !== this.original;
    this.badge.hidden = !changed;
    this.resetButton.hidden = !changed && !this.editor;
    saveEdit(this.key, changed ? code : null);
  }

  private reset(): void {
    if (this.code() !== this.original) this.controller?.edited(this);
    saveEdit(this.key, null);
    this.editor?.destroy();
    this.editorHost?.remove();
    this.editor = null;
    this.editorHost = null;
    this.pre.hidden = false;
    this.badge.hidden = true;
    this.resetButton.hidden = true;
    this.editButton.hidden = false;
    this.editButton.focus();
  }
}
