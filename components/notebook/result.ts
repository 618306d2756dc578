// A cell's last value beyond its text, as Jupyter users expect from numpy and matplotlib: a heat map
// of the whole matrix and, for 784 numbers, the 28×28 image. Loaded when a cell first shows a value;
// each view is drawn only when asked for.
import type { Formatted, Heat, OutputItem } from '../../src/notebook/protocol.ts';

type Image = Extract<OutputItem, { kind: 'image' }>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Adds the buttons that swap the value's text for its heat map or its 28×28 image (drawn by `image`,
 * the page's own image output, passed in so this module stays a separate, small download).
 */
export function addViews(box: HTMLElement, text: HTMLElement, v: Exclude<Formatted, { type: 'table' }>, image: (item: Image) => HTMLElement): void {
  const views: [string, () => HTMLElement][] = [];
  if (v.type === 'array') views.push(['Heat map', () => heatMap(v.heat, v.caption)]);
  if (v.image) views.push(['As a 28×28 image', () => image({ kind: 'image', width: 28, height: 28, pixels: v.image!, label: undefined })]);
  if (views.length === 0) return;
  const bar = el('div', 'nb-result-views');
  const slot = el('div', 'nb-result-view');
  for (const [name, draw] of views) {
    const toggle = el('button', 'nb-button nb-view-toggle', name);
    toggle.type = 'button';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.addEventListener('click', () => {
      const on = toggle.getAttribute('aria-pressed') !== 'true';
      for (const b of bar.querySelectorAll('button')) b.setAttribute('aria-pressed', 'false');
      toggle.setAttribute('aria-pressed', String(on));
      slot.replaceChildren(...(on ? [draw()] : []));
      text.hidden = on;
    });
    bar.append(toggle);
  }
  box.append(bar, slot);
}

/** A perceptual ramp (viridis, five stops) that reads on light and dark backgrounds alike. */
const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function rampColor(t: number): number[] {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const k = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - k;
  return RAMP[k].map((c, i) => Math.round(c + (RAMP[k + 1][i] - c) * f));
}

function heatMap(heat: Heat, caption: string): HTMLElement {
  const figure = el('figure', 'nb-heat');
  const canvas = el('canvas');
  canvas.width = heat.cols;
  canvas.height = heat.rows;
  const rgba = new Uint8ClampedArray(heat.rows * heat.cols * 4);
  heat.values.forEach((t, i) => rgba.set([...rampColor(t), 255], i * 4));
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, heat.cols, heat.rows), 0, 0);
  // Thin matrices (a 784×1 column) are stretched to a readable strip; pixels stay square-edged.
  const scale = Math.max(1, Math.floor(224 / Math.max(heat.rows, heat.cols)));
  canvas.style.width = `${Math.max(heat.cols * scale, 24)}px`;
  canvas.style.height = `${Math.max(heat.rows * scale, 24)}px`;
  canvas.setAttribute('role', 'img');
  const lo = formatBound(heat.lo);
  const hi = formatBound(heat.hi);
  canvas.setAttribute('aria-label', `Heat map of ${caption}, from ${lo} (dark) to ${hi} (bright)`);
  figure.append(canvas, el('figcaption', '', `${caption}: dark ${lo} … bright ${hi}`));
  return figure;
}

function formatBound(x: number): string {
  return String(Number(x.toPrecision(3)));
}

