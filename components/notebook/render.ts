// Draws a cell's output items into its output area. Consecutive console lines share one <pre>; a run
// keeps one progress bar; the number of characters of text is capped so a chatty loop cannot bloat the page.
import type { CellError, CheckCase, Formatted, OutputItem } from '../../src/notebook/protocol.ts';

const MAX_TEXT = 200_000;

export class OutputView {
  private text: HTMLPreElement | null = null;
  private textStream = '';
  private chars = 0;
  private progress: { bar: HTMLProgressElement; label: HTMLSpanElement } | null = null;

  constructor(private readonly root: HTMLElement) {}

  clear(): void {
    this.root.replaceChildren();
    this.root.hidden = true;
    this.text = null;
    this.chars = 0;
    this.progress = null;
  }

  append(items: OutputItem[]): void {
    this.root.hidden = false;
    for (const item of items) this.add(item);
  }

  error(error: CellError, hint?: string): void {
    const box = el('div', 'nb-error');
    const where = error.line ? ` (line ${error.line}${error.cell ? ` of cell ${error.cell}` : ''})` : '';
    box.append(el('strong', '', error.name), `${where}: ${error.message}`);
    if (hint) box.append(` — ${hint}`);
    // The line that failed, so a shape error reads with its operation: `Z1 = matmul(W1, X)` → (16, 784) × (10, 64).
    if (error.source) box.append(el('code', 'nb-error-source', error.source));
    this.append([]);
    this.root.append(box);
    this.text = null;
  }

  private add(item: OutputItem): void {
    if (item.kind === 'text') return this.addText(item.text, item.stream);
    this.text = null;
    if (item.kind === 'progress') return this.setProgress(item.fraction, item.label);
    if (item.kind === 'value') this.root.append(item.echo || item.value.type === 'array' ? result(item.value) : value(item.value, item.label));
    else if (item.kind === 'image') this.root.append(image(item));
    else if (item.kind === 'check') this.root.append(check(item));
    else if (item.kind === 'error') this.error(item.error);
    else if (item.kind === 'plot') this.root.append(plot(item));
  }

  private addText(text: string, stream: string): void {
    if (this.chars > MAX_TEXT) return;
    this.chars += text.length + 1;
    if (!this.text || this.textStream !== stream) {
      this.text = el('pre', `nb-text nb-${stream}`);
      this.textStream = stream;
      this.root.append(this.text);
    } else {
      this.text.append('\n');
    }
    this.text.append(this.chars > MAX_TEXT ? `${text}\n… (output cut here: too much text)` : text);
  }

  private setProgress(fraction: number, label?: string): void {
    if (!this.progress) {
      const wrap = el('div', 'nb-progress');
      const bar = el('progress') as HTMLProgressElement;
      bar.max = 1;
      const text = el('span');
      wrap.append(bar, text);
      this.root.append(wrap);
      this.progress = { bar, label: text };
    }
    this.progress.bar.value = fraction;
    this.progress.bar.setAttribute('aria-label', label ?? 'Progress');
    this.progress.label.textContent = `${label ? `${label} · ` : ''}${Math.round(fraction * 100)}%`;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A cell's last value (see result.ts, loaded when a cell first shows one). */
function result(v: Formatted): HTMLElement {
  if (v.type === 'table') return value(v);
  const box = el('div', 'nb-result');
  const text = el('pre', 'nb-text nb-value nb-result-text', v.type === 'array' ? `${v.caption}\n${v.text}` : v.text);
  box.append(text);
  if (v.type === 'array' || v.image) void import('./result.ts').then(({ addViews }) => addViews(box, text, v, image));
  return box;
}

function value(v: Formatted, label?: string): HTMLElement {
  if (v.type === 'array') return result(v);
  if (v.type === 'text') {
    const pre = el('pre', 'nb-text nb-value');
    if (label) pre.append(el('span', 'nb-value-label', `${label}: `));
    pre.append(v.text);
    return pre;
  }
  const wrap = el('div', 'nb-table-wrap');
  wrap.tabIndex = 0; // a wide table scrolls; the keyboard must be able to scroll it too
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', label ? `${label}, ${v.caption}` : v.caption);
  const table = el('table', 'nb-table');
  table.append(el('caption', '', label ? `${label} · ${v.caption}` : v.caption));
  const head = el('tr');
  head.append(el('td')); // the corner above the row numbers
  for (const c of v.columns) head.append(Object.assign(el('th', '', c), { scope: 'col' }));
  const body = el('tbody');
  v.rows.forEach((row, r) => {
    const tr = el('tr');
    tr.append(Object.assign(el('th', '', row.label), { scope: 'row' }));
    row.cells.forEach((cell, c) => {
      const td = el('td', '', cell);
      const s = v.shade?.[r]?.[c];
      if (s) td.style.setProperty('--nb-shade', `${Math.round(s * 45)}%`);
      tr.append(td);
    });
    body.append(tr);
  });
  const thead = el('thead');
  thead.append(head);
  table.append(thead, body);
  wrap.append(table);
  return wrap;
}

function image(item: Extract<OutputItem, { kind: 'image' }>): HTMLElement {
  const figure = el('figure', 'nb-image');
  const canvas = el('canvas');
  canvas.width = item.width;
  canvas.height = item.height;
  const rgba = new Uint8ClampedArray(item.width * item.height * 4);
  item.pixels.forEach((g, i) => rgba.set([g, g, g, 255], i * 4));
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, item.width, item.height), 0, 0);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', item.label ? `Image: ${item.label}` : `A ${item.width}×${item.height} image`);
  figure.append(canvas);
  if (item.label) figure.append(el('figcaption', '', item.label));
  return figure;
}

function check(item: Extract<OutputItem, { kind: 'check' }>): HTMLElement {
  const pass = item.passed === item.total;
  const box = el('div', `nb-check ${pass ? 'nb-pass' : 'nb-fail'}`);
  box.append(el('p', 'nb-check-title', `${pass ? '✓ Passed' : '✗ Not yet'}: ${item.name} — ${item.passed} of ${item.total} cases pass`));
  const failing = item.cases.filter((c) => !c.ok);
  if (failing.length > 0) {
    const list = el('ul');
    for (const c of failing.slice(0, 5)) list.append(caseLine(c));
    box.append(list);
  }
  if (item.hint) box.append(el('p', 'nb-hint', `Hint: ${item.hint}`));
  return box;
}

function caseLine(c: CheckCase): HTMLElement {
  const li = el('li');
  li.append(`${c.detail ?? 'failed'} `, el('span', 'nb-case-args', 'for '), el('code', '', `(${c.args})`));
  return li;
}

function plot(item: Extract<OutputItem, { kind: 'plot' }>): HTMLElement {
  const figure = el('figure', 'nb-plot');
  figure.append(el('p', 'nb-plot-loading', 'Drawing the chart…'));
  // The plotting code loads only when a cell draws a chart.
  void import('./plot.ts').then(({ drawPlot }) => drawPlot(figure, item));
  return figure;
}
