// A filled contour map of a function f(x, y) on a square, drawn on a canvas: darker bands are
// lower values, with a thin line where the band changes. Colours come from the theme's custom
// properties and are redrawn when the theme changes. The function is given; nothing is computed here.
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  f(x: number, y: number): number;
  /** The square [lo, hi] × [lo, hi]; y grows upwards. */
  domain: [number, number];
  /** CSS pixels of the square. */
  size: number;
  /** Number of bands between the smallest and largest value on the square. */
  bands?: number;
  label: string;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.trim().replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return Number.isNaN(n) ? [128, 128, 128] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function draw(canvas: HTMLCanvasElement, { f, domain, size, bands = 14 }: Props) {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const n = Math.round(size * ratio);
  canvas.width = n;
  canvas.height = n;
  const style = getComputedStyle(canvas);
  const bg = rgb(style.getPropertyValue('--bg'));
  const accent = rgb(style.getPropertyValue('--accent'));
  const line = rgb(style.getPropertyValue('--fg-soft'));
  const [lo, hi] = domain;
  const values = new Float64Array(n * n);
  let min = Infinity, max = -Infinity;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = f(lo + ((c + 0.5) / n) * (hi - lo), hi - ((r + 0.5) / n) * (hi - lo));
      values[r * n + c] = v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  // Bands on a square-root scale, so the valley floor gets as many lines as the steep walls.
  const band = (v: number) => Math.min(bands - 1, Math.floor(Math.sqrt((v - min) / (max - min || 1)) * bands));
  const image = canvas.getContext('2d')!.createImageData(n, n);
  for (let p = 0; p < n * n; p++) {
    const k = band(values[p]);
    const edge = (p % n < n - 1 && band(values[p + 1]) !== k) || (p + n < n * n && band(values[p + n]) !== k);
    const t = 0.55 * (1 - k / bands);
    const colour = edge ? line : accent;
    const mix = edge ? 0.55 : t;
    for (let ch = 0; ch < 3; ch++) image.data[4 * p + ch] = Math.round(bg[ch] + (colour[ch] - bg[ch]) * mix);
    image.data[4 * p + 3] = 255;
  }
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

export default function ContourCanvas(props: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const redraw = () => ref.current && draw(ref.current, props);
    redraw();
    const observer = new MutationObserver(redraw);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', redraw);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', redraw);
    };
  }, [props.f, props.domain[0], props.domain[1], props.size]);
  return (
    <canvas ref={ref} role="img" aria-label={props.label} width={props.size} height={props.size}
      style={{ width: '100%', height: '100%', display: 'block' }} />
  );
}
