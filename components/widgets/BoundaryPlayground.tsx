// Chapter 6: a [2, h, 2] network learns to split points of the plane into two classes, and the
// picture of its decision boundary is redrawn as it learns. Training runs in a worker
// (src/worker/boundary-worker.ts), which posts the network's output over a grid; this component
// only draws it (putImageData, once per animation frame at most) and the points on top.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ActivationName } from '../../src/engine/index.ts';
import { DATASETS, EXTENT, TRAIN_STEPS, makeDataset, type DatasetName, type PlaygroundConfig } from '../../src/worker/boundary.ts';
import type { BoundaryFrame, FrameState, FromBoundaryWorker, ToBoundaryWorker } from '../../src/worker/boundary-worker.ts';
import SteadyHeight from '../ui/SteadyHeight';
import './BoundaryPlayground.css';

/** The boundary picture's resolution: GRID × GRID network outputs per frame. */
const GRID = 64;
const LEARNING_RATE = 0.3;
const SEED = 1;
const WIDTHS = [1, 2, 3, 4, 8, 16];
const ACTIVATIONS: [ActivationName, string][] = [
  ['identity', 'none (identity)'],
  ['relu', 'ReLU'],
  ['tanh', 'tanh'],
  ['sigmoid', 'sigmoid'],
];

type Status = 'idle' | 'training' | 'stopped' | 'done' | 'error';

function statusText(status: Status, frame: BoundaryFrame | null, error: string): string {
  const acc = frame ? `${(100 * frame.accuracy).toFixed(0)}% of the points on the right side` : '';
  switch (status) {
    case 'idle': return 'Untrained. Press Train to run gradient descent.';
    case 'training': return 'Training…';
    case 'stopped': return `Stopped after ${frame?.step ?? 0} steps: ${acc}. Train continues from here.`;
    case 'done': return `Done: ${frame?.step ?? 0} steps, ${acc}.`;
    case 'error': return `Error: ${error}`;
  }
}

/** The longest status messages, whose room is kept so the page never moves as the status changes. */
const WIDEST_FRAME = { step: 88888, accuracy: 0.888 } as BoundaryFrame;
const RESERVED_STATUS = (['idle', 'stopped', 'done'] as const).map((s) => statusText(s, WIDEST_FRAME, ''));

/** "#1d4ed8" → [29, 78, 216]. The theme's colours are custom properties in hex. */
function rgb(hex: string): [number, number, number] {
  const h = hex.trim().replace('#', '');
  const n = parseInt(h.length === 3 ? h.replace(/./g, '$&$&') : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Paints P(class 1) per grid point: class 1's colour where p → 1, class 0's where p → 0, the background at ½. */
function paint(canvas: HTMLCanvasElement, grid: Float32Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  const bg = rgb(style.getPropertyValue('--bg'));
  const one = rgb(style.getPropertyValue('--accent'));
  const zero = rgb(style.getPropertyValue('--warn-border'));
  const image = ctx.createImageData(GRID, GRID);
  for (let j = 0; j < grid.length; j++) {
    const p = grid[j];
    const toward = p >= 0.5 ? one : zero;
    const t = 0.55 * Math.abs(2 * p - 1); // how sure the network is, 0 … 1, toned down so points stay visible
    for (let c = 0; c < 3; c++) image.data[4 * j + c] = bg[c] + t * (toward[c] - bg[c]);
    image.data[4 * j + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** A hidden unit's line w₁x₁ + w₂x₂ + b = 0 as two far-apart points, and a tick toward its z > 0 side. */
function lineGeometry([w1, w2, b]: [number, number, number]) {
  const norm2 = w1 * w1 + w2 * w2;
  if (norm2 < 1e-12) return null;
  const norm = Math.sqrt(norm2);
  const p = [(-b * w1) / norm2, (-b * w2) / norm2]; // the line's point nearest the origin
  const d = [-w2 / norm, w1 / norm]; // along the line
  const far = 4 * EXTENT;
  return {
    from: [p[0] - far * d[0], p[1] - far * d[1]],
    to: [p[0] + far * d[0], p[1] + far * d[1]],
    tick: [p, [p[0] + (0.15 * w1) / norm, p[1] + (0.15 * w2) / norm]],
  };
}

export default function BoundaryPlayground() {
  const [dataset, setDataset] = useState<DatasetName>('circle');
  const [hidden, setHidden] = useState(4);
  const [act, setAct] = useState<ActivationName>('identity');
  const [showUnits, setShowUnits] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState('');
  const [frame, setFrame] = useState<BoundaryFrame | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const worker = useRef<Worker | null>(null);
  const run = useRef(0);
  const pending = useRef<(BoundaryFrame & { state: FrameState }) | null>(null);
  const points = useMemo(() => makeDataset(dataset, SEED), [dataset]);

  const send = (message: ToBoundaryWorker) => worker.current?.postMessage(message);

  // One worker for the widget's life; frames are drawn on the next animation frame, so a burst of
  // frames costs one putImageData and one render.
  useEffect(() => {
    const w = new Worker(new URL('../../src/worker/boundary-worker.ts', import.meta.url), { type: 'module', name: 'boundary' });
    let raf = 0;
    w.onmessage = (e: MessageEvent<FromBoundaryWorker>) => {
      const m = e.data;
      if (m.run !== run.current) return; // from a config the reader has since changed
      if (m.type === 'error') {
        setError(m.message);
        setStatus('error');
        return;
      }
      pending.current = m;
      if (!raf) {
        raf = requestAnimationFrame(() => {
          raf = 0;
          const next = pending.current;
          if (!next) return;
          if (canvas.current) paint(canvas.current, next.grid);
          setFrame(next);
          // the status changes with the picture, so "done" always describes what is drawn
          if (next.state === 'finished') setStatus('done');
          else if (next.state === 'stopped') setStatus('stopped');
        });
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      setError(`the training worker crashed (${e.message || 'unknown error'})`);
      setStatus('error');
    };
    worker.current = w;
    // the theme toggle changes the colours: repaint the last picture
    const observer = new MutationObserver(() => {
      if (canvas.current && pending.current) paint(canvas.current, pending.current.grid);
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
      w.terminate();
    };
  }, []);

  // Any change of dataset, width or activation starts again from a fresh, untrained network.
  useEffect(() => {
    run.current++;
    setStatus('idle');
    const config: PlaygroundConfig = { dataset, hidden, activation: act, learningRate: LEARNING_RATE, seed: SEED };
    send({ type: 'reset', run: run.current, config, gridSize: GRID });
  }, [dataset, hidden, act]);

  const train = () => {
    setStatus('training');
    send({ type: 'train', run: run.current, steps: TRAIN_STEPS });
  };
  const stop = () => send({ type: 'stop' });
  const reset = () => {
    run.current++;
    setStatus('idle');
    send({ type: 'reset', run: run.current, config: { dataset, hidden, activation: act, learningRate: LEARNING_RATE, seed: SEED }, gridSize: GRID });
  };

  const busy = status === 'training';
  const x = points.X.data;
  const m = points.X.cols;

  return (
    <div class="widget bplay" data-testid="boundary-playground" data-status={status}>
      <div class="bplay-controls">
        <label>
          data
          <select value={dataset} disabled={busy} onChange={(e) => setDataset((e.target as HTMLSelectElement).value as DatasetName)} data-testid="bplay-dataset">
            {Object.entries(DATASETS).map(([value, label]) => <option value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          hidden units h
          <select value={hidden} disabled={busy} onChange={(e) => setHidden(Number((e.target as HTMLSelectElement).value))} data-testid="bplay-hidden">
            {WIDTHS.map((h) => <option value={h}>{h}</option>)}
          </select>
        </label>
        <label>
          activation g
          <select value={act} disabled={busy} onChange={(e) => setAct((e.target as HTMLSelectElement).value as ActivationName)} data-testid="bplay-activation">
            {ACTIVATIONS.map(([value, label]) => <option value={value}>{label}</option>)}
          </select>
        </label>
        <div class="bplay-buttons">
          {busy
            ? <button type="button" onClick={stop}>Stop</button>
            : <button type="button" onClick={train} disabled={status === 'error'}>Train</button>}
          <button type="button" onClick={reset} disabled={busy}>Reset</button>
        </div>
      </div>
      <label class="bplay-toggle">
        <input type="checkbox" checked={showUnits} onChange={(e) => setShowUnits((e.target as HTMLInputElement).checked)} data-testid="bplay-units" />
        show each hidden unit’s line (where its z = 0; the tick points to z &gt; 0)
      </label>
      <div class="bplay-body">
        <div class="bplay-plot">
          <canvas ref={canvas} width={GRID} height={GRID} aria-hidden="true" />
          <svg
            viewBox={`${-EXTENT} ${-EXTENT} ${2 * EXTENT} ${2 * EXTENT}`}
            role="img"
            aria-label={`${m} points of the ${DATASETS[dataset]} data, coloured by class, over the network's decision regions`}
          >
            {showUnits && frame?.lines.map((line) => {
              const g = lineGeometry(line);
              if (!g) return null;
              // the SVG's y axis points down; x₂ points up
              return (
                <g class="bplay-unit" data-testid="bplay-unit-line">
                  <line x1={g.from[0]} y1={-g.from[1]} x2={g.to[0]} y2={-g.to[1]} />
                  <line x1={g.tick[0][0]} y1={-g.tick[0][1]} x2={g.tick[1][0]} y2={-g.tick[1][1]} />
                </g>
              );
            })}
            {Array.from({ length: m }, (_, j) => (
              <circle cx={x[j]} cy={-x[m + j]} r={0.035} class={points.labels[j] === 1 ? 'bplay-one' : 'bplay-zero'} />
            ))}
          </svg>
        </div>
        <div class="bplay-side">
          <dl class="bplay-stats">
            <div><dt>step</dt><dd data-testid="bplay-step">{frame?.step ?? 0}</dd></div>
            <div><dt>loss</dt><dd data-testid="bplay-loss">{frame ? frame.loss.toFixed(4) : '–'}</dd></div>
            <div><dt>accuracy</dt><dd data-testid="bplay-accuracy">{frame ? `${(100 * frame.accuracy).toFixed(1)}%` : '–'}</dd></div>
          </dl>
          <p class="bplay-key">
            <span class="bplay-key-one">class 1</span> <span class="bplay-key-zero">class 0</span>
          </p>
        </div>
      </div>
      <SteadyHeight reserve={RESERVED_STATUS.map((text) => <p class="bplay-status">{text}</p>)}>
        <p class="bplay-status" aria-live="polite" data-testid="bplay-status">{statusText(status, frame, error)}</p>
      </SteadyHeight>
    </div>
  );
}
