// Chapter 1: draw a digit and see it as the computer does, step by step: the canvas's RGBA numbers
// (28, 28, 4), one gray value per pixel (28, 28), the flattened vector (784, 1) and the normalised
// inputs. Ink and MNIST preparation come from src/data/preprocess.ts, the maths from the engine;
// this file draws and reads out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Matrix, map, scale, sumAll } from '../../src/engine';
import { preprocessCanvas, toInk } from '../../src/data/preprocess';
import './DigitAnatomy.css';

const SIDE = 28;
const PAD = 280; // the drawing canvas, in canvas pixels
const PEN = 22;
/** MNIST's training-set pixel mean and standard deviation (after ÷255). */
const MU = 0.1307;
const SIGMA = 0.3081;

interface Anatomy {
  /** The canvas scaled down to 28×28: 3136 bytes, pixel (r, c) channel k at 4·(28r + c) + k. */
  rgba: Uint8ClampedArray;
  /** One gray byte per pixel, 0 = background, 255 = ink (MNIST's convention), row by row. */
  gray: Uint8Array;
  /** gray / 255, shape (784, 1). */
  x: Matrix;
  /** (gray / 255 − μ) / σ, shape (784, 1). */
  standardised: Matrix;
}

function emptyAnatomy(): Anatomy {
  return analyse(new Uint8ClampedArray(SIDE * SIDE * 4), null);
}

/** The 28×28 RGBA of the pad, then gray → flatten → normalise. `full` is the pad's own RGBA, for MNIST preparation. */
function analyse(rgba: Uint8ClampedArray, full: Uint8ClampedArray | null): Anatomy {
  let ink: Float32Array;
  if (full) {
    const prepared = preprocessCanvas(full, PAD, PAD);
    ink = prepared.empty ? new Float32Array(SIDE * SIDE) : prepared.x;
  } else {
    ink = toInk(rgba, SIDE, SIDE).data; // black ink on a transparent canvas: ink = alpha / 255
  }
  const gray = Uint8Array.from(ink, (v) => Math.round(255 * v)); // back to bytes, as MNIST stores them
  const x = scale(Matrix.fromColumn(gray), 1 / 255);
  const standardised = map(x, (v) => (v - MU) / SIGMA);
  return { rgba, gray, x, standardised };
}

function paintGray(canvas: HTMLCanvasElement | null, values: ArrayLike<number>, width: number, height: number) {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    image.data.set([values[p], values[p], values[p], 255], 4 * p);
  }
  ctx.putImageData(image, 0, 0);
}

function paintRgba(canvas: HTMLCanvasElement | null, rgba: Uint8ClampedArray) {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), SIDE, SIDE), 0, 0);
}

const fmt = (v: number, d = 3) => v.toFixed(d);

export default function DigitAnatomy() {
  const pad = useRef<HTMLCanvasElement>(null);
  const small = useRef<HTMLCanvasElement | null>(null);
  const rgbaView = useRef<HTMLCanvasElement>(null);
  const grayView = useRef<HTMLCanvasElement>(null);
  const strip = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [mnistStyle, setMnistStyle] = useState(false);
  const [anatomy, setAnatomy] = useState<Anatomy>(emptyAnatomy);
  const [focus, setFocus] = useState({ r: 14, c: 14 });

  function update(prepare = mnistStyle) {
    const source = pad.current;
    if (!source) return;
    small.current ??= document.createElement('canvas');
    const s = small.current;
    s.width = SIDE;
    s.height = SIDE;
    const sctx = s.getContext('2d', { willReadFrequently: true })!;
    sctx.clearRect(0, 0, SIDE, SIDE);
    sctx.imageSmoothingEnabled = true;
    sctx.imageSmoothingQuality = 'high';
    sctx.drawImage(source, 0, 0, SIDE, SIDE);
    const rgba = sctx.getImageData(0, 0, SIDE, SIDE).data;
    const full = prepare ? source.getContext('2d')!.getImageData(0, 0, PAD, PAD).data : null;
    setAnatomy(analyse(rgba, full));
  }

  useEffect(() => {
    paintRgba(rgbaView.current, anatomy.rgba);
    paintGray(grayView.current, anatomy.gray, SIDE, SIDE);
    paintGray(strip.current, anatomy.gray, SIDE * SIDE, 1);
  }, [anatomy]);

  useEffect(() => update(mnistStyle), [mnistStyle]);

  function padPoint(e: PointerEvent) {
    const rect = pad.current!.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * PAD, y: ((e.clientY - rect.top) / rect.height) * PAD };
  }

  function stroke(from: { x: number; y: number }, to: { x: number; y: number }) {
    const ctx = pad.current!.getContext('2d')!;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  }

  function onDown(e: PointerEvent) {
    pad.current!.setPointerCapture(e.pointerId);
    const p = padPoint(e);
    drawing.current = p;
    stroke(p, p);
    update();
  }

  function onMove(e: PointerEvent) {
    const p = padPoint(e);
    setFocus({ r: clamp(Math.floor((p.y / PAD) * SIDE)), c: clamp(Math.floor((p.x / PAD) * SIDE)) });
    if (!drawing.current) return;
    stroke(drawing.current, p);
    drawing.current = p;
    update();
  }

  function onUp() {
    drawing.current = null;
  }

  function clear() {
    pad.current!.getContext('2d')!.clearRect(0, 0, PAD, PAD);
    update();
  }

  /** For keyboard users (and a quick start): strokes a 7 as a hand would. */
  function example() {
    const path = [[70, 60], [210, 55], [200, 80], [150, 160], [120, 235]].map(([x, y]) => ({ x, y }));
    for (let k = 1; k < path.length; k++) stroke(path[k - 1], path[k]);
    update();
  }

  function onGridKey(e: KeyboardEvent) {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    setFocus({ r: clamp(focus.r + move[0]), c: clamp(focus.c + move[1]) });
  }

  function onGridPointer(e: PointerEvent) {
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    setFocus({ r: clamp(Math.floor(((e.clientY - rect.top) / rect.height) * SIDE)), c: clamp(Math.floor(((e.clientX - rect.left) / rect.width) * SIDE)) });
  }

  const { r, c } = focus;
  const i = SIDE * r + c;
  const px = Array.from(anatomy.rgba.subarray(4 * i, 4 * i + 4));
  const xi = anatomy.x.get(i, 0);
  const inkTotal = sumAll(anatomy.x);
  const cursor = { left: `${(100 * c) / SIDE}%`, top: `${(100 * r) / SIDE}%`, width: `${100 / SIDE}%`, height: `${100 / SIDE}%` };
  const near = [i - 2, i - 1, i, i + 1, i + 2].filter((j) => j >= 0 && j < SIDE * SIDE);

  return (
    <div class="da">
      <div class="da-panels">
        <section class="da-panel" aria-labelledby="da-draw">
          <h3 id="da-draw">Draw a digit</h3>
          <canvas ref={pad} width={PAD} height={PAD} class="da-pad" data-testid="da-pad"
            aria-label="Drawing canvas: draw a digit with the mouse, a finger or a pen"
            onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} />
          <div class="da-buttons">
            <button type="button" onClick={clear} data-testid="da-clear">Clear</button>
            <button type="button" onClick={example} data-testid="da-example">Draw an example 7</button>
          </div>
        </section>
        <section class="da-panel" aria-labelledby="da-rgba">
          <h3 id="da-rgba">Canvas RGBA <span class="da-shape">(28, 28, 4)</span></h3>
          <div class="da-grid da-checker" onPointerMove={onGridPointer}>
            <canvas ref={rgbaView} width={SIDE} height={SIDE} aria-hidden="true" />
            <span class="da-cursor" style={cursor} />
          </div>
          <p class="da-caption">The drawing scaled to 28 × 28; the checkerboard shows through where alpha is 0.</p>
        </section>
        <section class="da-panel" aria-labelledby="da-gray">
          <h3 id="da-gray">Gray <span class="da-shape">(28, 28)</span></h3>
          <div class="da-grid" tabIndex={0} role="group" onKeyDown={onGridKey} onPointerMove={onGridPointer} data-testid="da-grid"
            aria-label={`Pixel picker: arrow keys move the focused pixel, now row ${r}, column ${c}`}>
            <canvas ref={grayView} width={SIDE} height={SIDE} aria-hidden="true" />
            <span class="da-cursor" style={cursor} />
          </div>
          <label class="da-check">
            <input type="checkbox" checked={mnistStyle} onChange={(e) => setMnistStyle(e.currentTarget.checked)} data-testid="da-mnist" />
            Prepare like MNIST (crop, fit 20 × 20, centre of mass)
          </label>
        </section>
      </div>

      <section class="da-panel da-wide" aria-labelledby="da-flat">
        <h3 id="da-flat">Flattened: x, shape (784, 1), drawn left to right</h3>
        <div class="da-strip">
          <canvas ref={strip} width={SIDE * SIDE} height={1} aria-hidden="true" />
          <span class="da-strip-cursor" style={{ left: `${(100 * i) / (SIDE * SIDE)}%` }} />
        </div>
        <p class="da-caption">Row 0 first, then row 1, …: each bright run is one row of the grid where it crosses the stroke; the orange mark is the focused pixel.</p>
      </section>

      <div class="da-readout" aria-live="polite" data-testid="da-readout">
        <p>
          Pixel <strong>(r, c) = (<span data-testid="da-r">{r}</span>, <span data-testid="da-c">{c}</span>)</strong>
        </p>
        <dl>
          <dt>canvas P[r, c, :] = (R, G, B, A)</dt>
          <dd data-testid="da-rgba-values">({px.join(', ')})</dd>
          <dt>gray (0 … 255)</dt>
          <dd data-testid="da-gray-value">{anatomy.gray[i]}</dd>
          <dt>flat index 28·r + c</dt>
          <dd>28·{r} + {c} = <strong data-testid="da-index">{i}</strong></dd>
          <dt>normalised x<sub>{i}</sub> = gray / 255</dt>
          <dd data-testid="da-x">{fmt(xi)}</dd>
          <dt>standardised (x − {MU}) / {SIGMA}</dt>
          <dd data-testid="da-std">{fmt(anatomy.standardised.get(i, 0))}</dd>
        </dl>
        <p class="da-caption">
          Around it in x: {near.map((j) => <span class={j === i ? 'da-here' : ''}>x<sub>{j}</sub> = {fmt(anatomy.x.get(j, 0), 2)} </span>)}
        </p>
        <p class="da-caption">
          Total ink Σx = <span data-testid="da-ink">{fmt(inkTotal, 1)}</span>; {anatomy.gray.filter((g) => g === 0).length} of 784 pixels are exactly 0.
        </p>
      </div>
    </div>
  );
}

function clamp(v: number): number {
  return Math.min(SIDE - 1, Math.max(0, v));
}
