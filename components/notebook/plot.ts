// A small SVG line chart for plot(): axes with round-number ticks, one line per series, a legend.
// Loaded only when a cell plots. Colours come from the theme's custom properties (light and dark).
import type { OutputItem } from '../../src/notebook/protocol.ts';

type PlotItem = Extract<OutputItem, { kind: 'plot' }>;

const W = 640;
const H = 320;
const PAD = { left: 56, right: 16, top: 28, bottom: 44 };
const COLORS = ['var(--accent)', 'var(--bad)', 'var(--ok)', 'var(--warn-border)', 'var(--fg-soft)'];
const NS = 'http://www.w3.org/2000/svg';

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

export function drawPlot(figure: HTMLElement, item: PlotItem): void {
  const n = Math.max(...item.series.map((s) => s.values.length));
  const xs = item.x ?? Array.from({ length: n }, (_, i) => i);
  const [x0, x1] = extent(xs);
  const [lo, hi] = extent(item.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const [y0, y1] = [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05]; // a little air above and below the lines
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'nb-plot-svg', role: 'img' });
  const names = item.series.map((s) => s.name).filter(Boolean).join(', ');
  root.setAttribute('aria-label', `${item.title ?? 'Line chart'}${names ? ` of ${names}` : ''}, ${n} points`);
  for (const t of ticks(y0, y1)) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(t), y2: sy(t), class: 'nb-grid' }));
    root.append(svg('text', { x: PAD.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, fmt(t)));
  }
  for (const t of ticks(x0, x1)) {
    root.append(svg('text', { x: sx(t), y: H - PAD.bottom + 16, 'text-anchor': 'middle' }, fmt(t)));
  }
  root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'nb-axis' }));
  if (item.title) root.append(svg('text', { x: W / 2, y: 18, 'text-anchor': 'middle', class: 'nb-plot-title' }, item.title));
  if (item.xLabel) root.append(svg('text', { x: (W + PAD.left) / 2, y: H - 6, 'text-anchor': 'middle' }, item.xLabel));
  if (item.yLabel) root.append(svg('text', { x: 14, y: (H - PAD.bottom + PAD.top) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(H - PAD.bottom + PAD.top) / 2})` }, item.yLabel));
  item.series.forEach((s, k) => {
    root.append(svg('path', { d: pathFor(s.values, xs, sx, sy), fill: 'none', stroke: COLORS[k % COLORS.length], 'stroke-width': 2 }));
  });
  const legend = document.createElement('figcaption');
  legend.className = 'nb-legend';
  item.series.forEach((s, k) => {
    if (!s.name) return;
    const key = document.createElement('span');
    key.style.setProperty('--nb-key', COLORS[k % COLORS.length]);
    key.textContent = s.name;
    legend.append(key);
  });
  figure.replaceChildren(root);
  if (legend.childElementCount > 0) figure.append(legend);
}

/** One path per series; a null (NaN, Infinity) breaks the line instead of dropping to zero. */
function pathFor(values: (number | null)[], xs: number[], sx: (x: number) => number, sy: (y: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${sx(xs[i]).toFixed(1)},${sy(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function fmt(t: number): string {
  return Math.abs(t) >= 1e4 || (t !== 0 && Math.abs(t) < 1e-3) ? t.toExponential(1) : String(Number(t.toPrecision(4)));
}
