// A small grid of numbers (a kernel, a feature map) drawn as a picture: positive values in the accent
// colour, negative in the warning colour, each scaled by `max` (default: the largest |value|), crisp
// pixels. Colours are the theme's, repainted when it flips.
import { useEffect, useRef } from 'preact/hooks';
import './MapPicture.css';

function rgb(hex: string): [number, number, number] {
  const h = hex.trim().replace('#', '');
  const n = parseInt(h.length === 3 ? h.replace(/./g, '$&$&') : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function paint(canvas: HTMLCanvasElement, values: Float32Array, side: number, max?: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  const bg = rgb(style.getPropertyValue('--bg'));
  const plus = rgb(style.getPropertyValue('--accent'));
  const minus = rgb(style.getPropertyValue('--bad'));
  let scale = max ?? 0;
  if (max === undefined) for (const v of values) scale = Math.max(scale, Math.abs(v));
  const image = ctx.createImageData(side, side);
  for (let p = 0; p < side * side; p++) {
    const t = scale > 0 ? Math.max(-1, Math.min(1, values[p] / scale)) : 0;
    const to = t >= 0 ? plus : minus;
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = bg[c] + Math.abs(t) * (to[c] - bg[c]);
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

interface Props {
  values: Float32Array;
  /** The grid is side × side. */
  side: number;
  size?: number;
  max?: number;
  label: string;
}

export default function MapPicture({ values, side, size = 64, max, label }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, values, side, max);
    const observer = new MutationObserver(() => ref.current && paint(ref.current, values, side, max));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [values, side, max]);
  return <canvas ref={ref} class="mappic" width={side} height={side} style={{ width: `${size}px`, height: `${size}px` }} role="img" aria-label={label} />;
}
