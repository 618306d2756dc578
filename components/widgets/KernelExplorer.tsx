// Chapter 16: a 3×3 kernel K (picked or typed) sliding over a real MNIST digit X. The left picture
// shows the digit with the current window; the right one the output map Z = X ⋆ K (26×26, from the
// engine's correlate2d), with the output pixel that window makes. "Slide" moves the window across
// the image and draws the map as it goes. The arithmetic of the current position is written out.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadMnist, type Mnist } from '../../src/data/mnist-browser';
import { KERNEL_PRESETS, digitMatrix, outputMap, parseEntry } from './kernel-presets';
import LabelledRange from '../ui/LabelledRange';
import SteadyHeight from '../ui/SteadyHeight';
import './KernelExplorer.css';

const N = 26; // output side: 28 − 3 + 1
const CELL = 6; // screen pixels per image pixel
const SLIDE_MS = 25;

type Images = { kind: 'loading' } | { kind: 'ready'; mnist: Mnist } | { kind: 'failed'; message: string };

function rgb(hex: string): [number, number, number] {
  const h = hex.trim().replace('#', '');
  const n = parseInt(h.length === 3 ? h.replace(/./g, '$&$&') : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Paints a grey digit with the 3×3 window at (y, x) outlined. */
function paintDigit(canvas: HTMLCanvasElement, pixels: Uint8Array, y: number, x: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) image.data.set([pixels[p], pixels[p], pixels[p], 255], 4 * p);
  const small = new OffscreenCanvas(28, 28);
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, 28 * CELL, 28 * CELL);
  outline(ctx, x * CELL, y * CELL, 3 * CELL, getComputedStyle(canvas).getPropertyValue('--accent'));
}

/**
 * Paints Z with positive outputs in the accent colour and negative ones in the warning colour,
 * scaled by the map's largest |Z|; positions after `upTo` (reading order) are left blank.
 */
function paintMap(canvas: HTMLCanvasElement, Z: Float32Array, upTo: number, y: number, x: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  const bg = rgb(style.getPropertyValue('--bg-soft'));
  const plus = rgb(style.getPropertyValue('--accent'));
  const minus = rgb(style.getPropertyValue('--bad'));
  let max = 0;
  for (const v of Z) max = Math.max(max, Math.abs(v));
  const image = ctx.createImageData(N, N);
  for (let p = 0; p < N * N; p++) {
    const t = p <= upTo && max > 0 ? Z[p] / max : 0;
    const to = t >= 0 ? plus : minus;
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = bg[c] + Math.abs(t) * (to[c] - bg[c]);
    image.data[4 * p + 3] = 255;
  }
  const small = new OffscreenCanvas(N, N);
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, N * CELL, N * CELL);
  outline(ctx, x * CELL, y * CELL, CELL, style.getPropertyValue('--fg'));
}

function outline(ctx: CanvasRenderingContext2D, left: number, top: number, side: number, colour: string) {
  ctx.strokeStyle = colour.trim() || '#1d4ed8';
  ctx.lineWidth = 2;
  ctx.strokeRect(left + 1, top + 1, side - 2, side - 2);
}

/** Two decimals, a true minus sign, and no "−0.00". */
const fmt = (v: number) => (Math.abs(v) < 5e-3 ? '0.00' : v.toFixed(2).replace('-', '−'));

/** The current position's arithmetic: every K[i, j]·X[y + i, x + j], then Z[y, x] from the engine. */
function sumText(y: number, x: number, K: number[], window3: number[]): string {
  return `Z[${y}, ${x}] = Σ K ⊙ window = ${window3.map((v, p) => `${fmt(K[p])}·${fmt(v)}`).join(' + ').replace(/\+ −/g, '− ')} =`;
}
const WIDEST_SUM = sumText(25, 25, Array(9).fill(-9.99), Array(9).fill(0.99));

export default function KernelExplorer() {
  const [images, setImages] = useState<Images>({ kind: 'loading' });
  const [index, setIndex] = useState(0);
  const [preset, setPreset] = useState(0);
  const [texts, setTexts] = useState<string[]>(() => KERNEL_PRESETS[0].values.map(fmt));
  const [K, setK] = useState<number[]>(KERNEL_PRESETS[0].values);
  const [pos, setPos] = useState({ y: 10, x: 10 });
  const [sliding, setSliding] = useState(false);
  const digitCanvas = useRef<HTMLCanvasElement>(null);
  const mapCanvas = useRef<HTMLCanvasElement>(null);
  const [theme, setTheme] = useState(0);

  useEffect(() => {
    loadMnist()
      .then((mnist) => setImages({ kind: 'ready', mnist }))
      .catch((e: Error) => setImages({ kind: 'failed', message: e.message }));
    // Repaint when the reader flips light/dark: the canvases use the theme's colours.
    const observer = new MutationObserver(() => setTheme((t) => t + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);

  const mnist = images.kind === 'ready' ? images.mnist : null;
  const pixels = useMemo(() => mnist?.train.image(index) ?? new Uint8Array(784), [mnist, index]);
  const X = useMemo(() => digitMatrix(pixels), [pixels]);
  const Z = useMemo(() => outputMap(X, K), [X, K]);
  const upTo = sliding ? pos.y * N + pos.x : N * N - 1;

  useEffect(() => {
    if (digitCanvas.current) paintDigit(digitCanvas.current, pixels, pos.y, pos.x);
    if (mapCanvas.current) paintMap(mapCanvas.current, Z.data, upTo, pos.y, pos.x);
  }, [pixels, Z, pos, upTo, theme]);

  // While sliding, step the window in reading order; at the end, stop with the whole map drawn.
  useEffect(() => {
    if (!sliding) return;
    const timer = setInterval(() => {
      setPos((p) => {
        const next = p.y * N + p.x + 1;
        if (next >= N * N) {
          setSliding(false);
          return p;
        }
        return { y: Math.floor(next / N), x: next % N };
      });
    }, SLIDE_MS);
    return () => clearInterval(timer);
  }, [sliding]);

  const choosePreset = (i: number) => {
    setPreset(i);
    setK(KERNEL_PRESETS[i].values);
    setTexts(KERNEL_PRESETS[i].values.map(fmt));
  };
  const editEntry = (p: number, text: string) => {
    const nextTexts = texts.slice();
    nextTexts[p] = text;
    setTexts(nextTexts);
    const parsed = nextTexts.map(parseEntry);
    // A box that is not a number keeps the last good kernel (and its text stays, to be fixed).
    if (parsed.every((r) => 'value' in r)) {
      setK(parsed.map((r) => (r as { value: number }).value));
      setPreset(-1);
    }
  };
  const bad = texts.map((t, p) => ({ p, r: parseEntry(t) })).find(({ r }) => 'error' in r);
  const startSlide = () => {
    setPos({ y: 0, x: 0 });
    setSliding(true);
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    setSliding(false);
    setPos((p) => ({ y: Math.min(N - 1, Math.max(0, p.y + move[0])), x: Math.min(N - 1, Math.max(0, p.x + move[1])) }));
  };

  const { y, x } = pos;
  const window3 = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => X.get(y + i, x + j)));
  const label = mnist?.train.labels[index];
  const about = preset >= 0 ? KERNEL_PRESETS[preset].about : 'your own kernel';
  const status = images.kind === 'loading'
    ? 'Loading MNIST…'
    : images.kind === 'failed'
      ? `Could not load MNIST: ${images.message}`
      : bad
        ? `K[${Math.floor(bad.p / 3)}, ${bad.p % 3}]: ${(bad.r as { error: string }).error}; the map still uses the last kernel that was all numbers.`
        : `Kernel: ${about}.`;
  const reserve = [...KERNEL_PRESETS.map((k) => `Kernel: ${k.about}.`), 'K[0, 0]: “−−−−−−−−” is not a number; the map still uses the last kernel that was all numbers.', `Could not load MNIST: the dataset could not be downloaded`];

  return (
    <div class="widget kernelx" data-testid="kernel-explorer">
      <div class="kernelx-controls">
        <label class="kernelx-preset">
          Kernel{' '}
          <select value={preset >= 0 ? String(preset) : 'own'} onChange={(e) => e.currentTarget.value !== 'own' && choosePreset(Number(e.currentTarget.value))} data-testid="kernel-preset">
            {KERNEL_PRESETS.map((k, i) => <option value={String(i)}>{k.name}</option>)}
            <option value="own" disabled>your own</option>
          </select>
        </label>
        <fieldset class="kernelx-grid">
          <legend>K (3, 3)</legend>
          {texts.map((t, p) => (
            <input
              type="text"
              inputMode="decimal"
              value={t}
              aria-label={`K[${Math.floor(p / 3)}, ${p % 3}]`}
              aria-invalid={'error' in parseEntry(t)}
              data-testid={`kernel-${p}`}
              onInput={(e) => editEntry(p, e.currentTarget.value)}
            />
          ))}
        </fieldset>
        <div class="kernelx-nav">
          <button type="button" disabled={!mnist || index === 0} onClick={() => setIndex(index - 1)}>Previous digit</button>
          <button type="button" disabled={!mnist || index === (mnist?.train.count ?? 1) - 1} onClick={() => setIndex(index + 1)}>Next digit</button>
          {sliding
            ? <button type="button" class="kernelx-slide" onClick={() => setSliding(false)}>Pause</button>
            : <button type="button" class="kernelx-slide" onClick={startSlide} disabled={!mnist}>Slide</button>}
        </div>
      </div>
      <div class="kernelx-pictures">
        <figure>
          <canvas
            ref={digitCanvas}
            class="kernelx-digit"
            width={28 * CELL}
            height={28 * CELL}
            tabIndex={0}
            role="img"
            aria-label={`MNIST training image ${index}${label === undefined ? '' : `, a ${label}`}, with the 3×3 window at row ${y}, column ${x}; arrow keys move it`}
            onKeyDown={onKey}
            data-testid="kernel-digit"
          />
          <figcaption>X (28, 28){label !== undefined && <>: a {label}</>}</figcaption>
        </figure>
        <figure>
          <canvas ref={mapCanvas} class="kernelx-map" width={N * CELL} height={N * CELL} role="img" aria-label={`the output map Z (26, 26); at row ${y}, column ${x} it is ${fmt(Z.get(y, x))}`} data-testid="kernel-map" />
          <figcaption>Z = X ⋆ K (26, 26)</figcaption>
        </figure>
      </div>
      <div class="kernelx-position">
        <LabelledRange label="window row y" value={y} min={0} max={N - 1} step={1} onInput={(v) => { setSliding(false); setPos({ y: v, x }); }} testid="kernel-y" />
        <LabelledRange label="window column x" value={x} min={0} max={N - 1} step={1} onInput={(v) => { setSliding(false); setPos({ y, x: v }); }} testid="kernel-x" />
      </div>
      <SteadyHeight reserve={[<p class="kernelx-sum">{WIDEST_SUM} <strong>−99.99</strong></p>]}>
        <p class="kernelx-sum" data-testid="kernel-sum">
          {sumText(y, x, K, window3)} <strong data-testid="kernel-value">{fmt(Z.get(y, x))}</strong>
        </p>
      </SteadyHeight>
      <SteadyHeight reserve={reserve.map((text) => <p class="kernelx-status">{text}</p>)}>
        <p class="kernelx-status" aria-live="polite" data-testid="kernel-status">{status}</p>
      </SteadyHeight>
    </div>
  );
}
