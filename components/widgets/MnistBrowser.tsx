// Chapter 1: browse real MNIST digits with their labels. The data comes from loadMnist
// (src/data/mnist-browser.ts), downloaded once with a progress bar; this file only draws it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadMnist, type Mnist, type LoadProgress } from '../../src/data/mnist-browser';
import './MnistBrowser.css';

const SIDE = 28;
const STRIP = 12;

type Split = 'train' | 'test';
type State =
  | { kind: 'loading'; progress: LoadProgress | null }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; mnist: Mnist };

function paint(canvas: HTMLCanvasElement | null, pixels: Uint8Array) {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(SIDE, SIDE);
  for (let p = 0; p < SIDE * SIDE; p++) image.data.set([pixels[p], pixels[p], pixels[p], 255], 4 * p);
  ctx.putImageData(image, 0, 0);
}

function Thumb({ pixels, label, index, current, onPick }: { pixels: Uint8Array; label: number; index: number; current: boolean; onPick(): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paint(ref.current, pixels), [pixels]);
  return (
    <li>
      <button type="button" class={current ? 'mb-thumb mb-current' : 'mb-thumb'} onClick={onPick}
        aria-label={`Image ${index}, label ${label}`} aria-current={current ? 'true' : undefined}>
        <canvas ref={ref} width={SIDE} height={SIDE} aria-hidden="true" />
        <span>{label}</span>
      </button>
    </li>
  );
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export default function MnistBrowser() {
  const [state, setState] = useState<State>({ kind: 'loading', progress: null });
  const [split, setSplit] = useState<Split>('train');
  const [index, setIndex] = useState(0);
  const big = useRef<HTMLCanvasElement>(null);

  function load() {
    setState({ kind: 'loading', progress: null });
    loadMnist({ onProgress: (progress) => setState({ kind: 'loading', progress }) })
      .then((mnist) => setState({ kind: 'ready', mnist }))
      .catch((error: Error) => setState({ kind: 'failed', message: error.message }));
  }

  useEffect(load, []);

  const data = state.kind === 'ready' ? state.mnist[split] : null;
  const count = data?.count ?? 0;
  const i = Math.min(index, Math.max(0, count - 1));

  useEffect(() => {
    if (data) paint(big.current, data.image(i));
  }, [data, i]);

  const go = (to: number) => setIndex(Math.min(count - 1, Math.max(0, to)));

  function onKey(e: KeyboardEvent) {
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -STRIP, ArrowDown: STRIP, PageUp: -100, PageDown: 100 };
    if (!(e.key in steps) || !data || (e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    go(i + steps[e.key]);
  }

  const pixels = data?.image(i);
  const zeros = pixels ? pixels.filter((v) => v === 0).length : 0;
  const strip = data ? Array.from({ length: Math.min(STRIP, count) }, (_, k) => Math.min(count - STRIP, Math.max(0, i - 5)) + k) : [];

  return (
    <div class="mb" onKeyDown={onKey} tabIndex={0} role="group" data-testid="mb"
      aria-label="MNIST browser: left and right arrows move one image, up and down a row of thumbnails">
      {state.kind === 'loading' && (
        <div class="mb-status">
          <label class="mb-progress">
            Downloading MNIST (10,000 training and 10,000 test images)
            {state.progress && state.progress.total > 0 ? ` — ${megabytes(state.progress.loaded)} of ${megabytes(state.progress.total)}` : '…'}
            <progress max={1} value={state.progress && state.progress.total > 0 ? state.progress.fraction : undefined} data-testid="mb-progress" />
          </label>
        </div>
      )}
      {state.kind === 'failed' && (
        <div class="mb-status" role="alert">
          <p class="mb-error">Could not load MNIST: {state.message}</p>
          <button type="button" onClick={load} data-testid="mb-retry">Try again</button>
        </div>
      )}
      {data && pixels && (
        <>
          <div class="mb-controls">
            <label>
              Set{' '}
              <select value={split} onChange={(e) => { setSplit(e.currentTarget.value as Split); setIndex(0); }} data-testid="mb-split">
                <option value="train">training</option>
                <option value="test">test</option>
              </select>
            </label>
            <label>
              Image number (0 … {count - 1}){' '}
              <input type="number" min={0} max={count - 1} value={i} data-testid="mb-index"
                onChange={(e) => { const v = Math.round(Number(e.currentTarget.value)); if (Number.isFinite(v)) go(v); }} />
            </label>
            <div class="mb-buttons">
              <button type="button" onClick={() => go(i - 1)} disabled={i === 0} aria-label="Previous image">←</button>
              <button type="button" onClick={() => go(i + 1)} disabled={i === count - 1} aria-label="Next image">→</button>
            </div>
          </div>
          <div class="mb-main">
            <canvas ref={big} width={SIDE} height={SIDE} class="mb-big" data-testid="mb-canvas" role="img"
              aria-label={`MNIST ${split} image ${i}, labelled ${data.labels[i]}`} />
            <div aria-live="polite" class="mb-facts">
              <p class="mb-label">label <strong data-testid="mb-label">{data.labels[i]}</strong></p>
              <p>{split} image <span data-testid="mb-shown-index">{i}</span> of {count.toLocaleString('en')}</p>
              <p>28 × 28 = 784 bytes; <span data-testid="mb-zeros">{zeros}</span> of them are 0 (background), the brightest is {Math.max(...pixels)}.</p>
            </div>
          </div>
          <ol class="mb-strip" aria-label="Nearby images">
            {strip.map((j) => (
              <Thumb pixels={data.image(j)} label={data.labels[j]} index={j} current={j === i} onPick={() => go(j)} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
