// One hidden unit's 784 incoming weights (a row of W1) drawn as the 28×28 picture they cover:
// positive weights in the accent colour, negative in the warning colour, each scaled by the row's
// largest |w|, so every unit uses its full range. Colours are the theme's, repainted when it flips.
import { useEffect, useRef } from 'preact/hooks';
import './WeightPicture.css';

function rgb(hex: string): [number, number, number] {
  const h = hex.trim().replace('#', '');
  const n = parseInt(h.length === 3 ? h.replace(/./g, '$&$&') : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function paint(canvas: HTMLCanvasElement, weights: Float32Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  const bg = rgb(style.getPropertyValue('--bg'));
  const plus = rgb(style.getPropertyValue('--accent'));
  const minus = rgb(style.getPropertyValue('--bad'));
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const t = max > 0 ? weights[p] / max : 0;
    const to = t >= 0 ? plus : minus;
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = bg[c] + Math.abs(t) * (to[c] - bg[c]);
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

export default function WeightPicture({ weights, size = 56, label }: { weights: Float32Array; size?: number; label?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, weights);
    const observer = new MutationObserver(() => ref.current && paint(ref.current, weights));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [weights]);
  return (
    <canvas
      ref={ref}
      class="weightpic"
      width={28}
      height={28}
      style={{ width: `${size}px`, height: `${size}px` }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : 'true'}
    />
  );
}
