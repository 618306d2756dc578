// Chapter 8: gradient descent, one visible step at a time, on a loss curve of one weight and a
// loss surface of two. The losses, their gradients and the update w ← w − η·dL/dw all come from
// the engine (src/engine/toy-losses.ts); this file draws them and holds the controls.
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  descentStep1D,
  descentStep2D,
  toyLosses1D,
  toyLosses2D,
  type LearningRatePresets,
  type ToyLoss1D,
  type ToyLoss2D,
} from '../../src/engine';
import ContourCanvas from '../ui/ContourCanvas';
import LabelledRange from '../ui/LabelledRange';
import './DescentExplorer.css';

type Mode = '1d' | '2d';
type Point = [number, number];
const PRESETS: { key: keyof LearningRatePresets; label: string }[] = [
  { key: 'tooSmall', label: 'too small' },
  { key: 'good', label: 'good' },
  { key: 'oscillating', label: 'oscillating' },
  { key: 'diverging', label: 'diverging' },
];
const RUN_INTERVAL_MS = 300;
const MAX_STEPS = 200;

function fmt(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '−Infinity';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return v.toFixed(digits);
}

/** The learning-rate slider moves log10(η), so 0.001 and 1 are equally easy to reach. */
const etaFromPosition = (x: number) => Number((10 ** x).toPrecision(3));

function inside(v: number, [lo, hi]: [number, number]) {
  return v >= lo && v <= hi;
}

/** Sizes of the 1-D plot in SVG units. */
const W = 480, H = 270, PAD = 28;

function Curve({ loss, path, eta }: { loss: ToyLoss1D; path: number[]; eta: number }) {
  const [lo, hi] = loss.domain;
  const samples = useMemo(() => Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200), [loss]);
  const values = samples.map(loss.f);
  const top = Math.max(...values), bottom = Math.min(...values);
  const sx = (w: number) => PAD + ((w - lo) / (hi - lo)) * (W - 2 * PAD);
  const sy = (L: number) => H - PAD - ((L - bottom) / (top - bottom)) * (H - 2 * PAD - 10);
  const curve = samples.map((w, i) => `${i ? 'L' : 'M'}${sx(w).toFixed(1)},${sy(values[i]).toFixed(1)}`).join('');
  const visible = path.filter((w) => inside(w, loss.domain));
  const w = path[path.length - 1];
  const here = inside(w, loss.domain);
  const next = descentStep1D(loss, w, eta);
  const half = (hi - lo) / 7; // tangent drawn over ±half
  const axisY = H - PAD + 12;
  return (
    <svg class="dx-svg" viewBox={`0 0 ${W} ${H + 6}`} role="img"
      aria-label={`Loss curve ${loss.label}; the current weight is ${fmt(w)}`}>
      <line class="dx-axis" x1={PAD} x2={W - PAD} y1={axisY} y2={axisY} />
      <text class="dx-tick" x={PAD} y={H + 4}>{lo}</text>
      <text class="dx-tick" x={W - PAD} y={H + 4} text-anchor="end">{hi}</text>
      <text class="dx-tick" x={W / 2} y={H + 4} text-anchor="middle">w</text>
      <path class="dx-curve" d={curve} />
      <polyline class="dx-trail" points={visible.map((v) => `${sx(v)},${sy(loss.f(v))}`).join(' ')} />
      {visible.map((v) => <circle class="dx-trail-dot" cx={sx(v)} cy={sy(loss.f(v))} r={3} />)}
      {here && (
        <g>
          <line class="dx-tangent" x1={sx(w - half)} y1={sy(loss.f(w) - next.slope * half)}
            x2={sx(w + half)} y2={sy(loss.f(w) + next.slope * half)} />
          <circle class="dx-here" cx={sx(w)} cy={sy(loss.f(w))} r={6} />
          <text class="dx-label" x={sx(w) + 10} y={sy(loss.f(w)) - 10}>slope {fmt(next.slope, 2)}</text>
          <line class="dx-drop" x1={sx(w)} x2={sx(w)} y1={sy(loss.f(w))} y2={axisY} />
          {Math.abs(next.step) > 1e-9 && (
            <line class="dx-step" x1={sx(w)} y1={axisY}
              x2={sx(Math.max(lo, Math.min(hi, next.w)))} y2={axisY} marker-end="url(#dx-arrow)" />
          )}
        </g>
      )}
      <defs>
        <marker id="dx-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="dx-arrowhead" />
        </marker>
      </defs>
    </svg>
  );
}

const S = 320; // CSS pixels of the 2-D square

function Surface({ loss, path, eta }: { loss: ToyLoss2D; path: Point[]; eta: number }) {
  const [lo, hi] = loss.domain;
  const sx = (v: number) => ((v - lo) / (hi - lo)) * S;
  const sy = (v: number) => S - ((v - lo) / (hi - lo)) * S;
  const visible = path.filter(([a, b]) => inside(a, loss.domain) && inside(b, loss.domain));
  const w = path[path.length - 1];
  const here = inside(w[0], loss.domain) && inside(w[1], loss.domain);
  const next = descentStep2D(loss, w, eta);
  const gLength = Math.hypot(next.grad[0], next.grad[1]);
  // The uphill direction of the gradient, drawn 36 px long whatever its size.
  const up: Point = gLength > 1e-12 ? [(36 * next.grad[0]) / gLength, (-36 * next.grad[1]) / gLength] : [0, 0];
  return (
    <div class="dx-surface">
      <ContourCanvas f={loss.f} domain={loss.domain} size={S} label={`Contour map of ${loss.label}: darker is lower loss`} />
      <svg class="dx-overlay" viewBox={`0 0 ${S} ${S}`} aria-hidden="true">
        <text class="dx-tick" x={S - 6} y={S - 6} text-anchor="end">w1 →</text>
        <text class="dx-tick" x={6} y={16}>↑ w2</text>
        <polyline class="dx-trail" points={visible.map(([a, b]) => `${sx(a)},${sy(b)}`).join(' ')} />
        {visible.map(([a, b]) => <circle class="dx-trail-dot" cx={sx(a)} cy={sy(b)} r={2.5} />)}
        {here && (
          <g>
            {gLength > 1e-12 && (
              <line class="dx-gradient" x1={sx(w[0])} y1={sy(w[1])} x2={sx(w[0]) + up[0]} y2={sy(w[1]) + up[1]}
                marker-end="url(#dx-arrow-grad)" />
            )}
            {gLength > 1e-12 && (
              <line class="dx-step" x1={sx(w[0])} y1={sy(w[1])} marker-end="url(#dx-arrow2)"
                x2={sx(Math.max(lo, Math.min(hi, next.w[0])))} y2={sy(Math.max(lo, Math.min(hi, next.w[1])))} />
            )}
            <circle class="dx-here" cx={sx(w[0])} cy={sy(w[1])} r={5} />
          </g>
        )}
        <defs>
          <marker id="dx-arrow2" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="dx-arrowhead" />
          </marker>
          <marker id="dx-arrow-grad" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="dx-arrowhead-grad" />
          </marker>
        </defs>
      </svg>
    </div>
  );
}

export default function DescentExplorer() {
  const [mode, setMode] = useState<Mode>('1d');
  const [index1, setIndex1] = useState(0);
  const [index2, setIndex2] = useState(0);
  const loss1 = toyLosses1D[index1];
  const loss2 = toyLosses2D[index2];
  const rates = mode === '1d' ? loss1.rates : loss2.rates;
  const [position, setPosition] = useState(Math.log10(loss1.rates.good));
  const eta = etaFromPosition(position);
  const [path1, setPath1] = useState<number[]>([loss1.start]);
  const [path2, setPath2] = useState<Point[]>([loss2.start]);
  const [running, setRunning] = useState(false);

  const steps = (mode === '1d' ? path1.length : path2.length) - 1;
  const current1 = path1[path1.length - 1];
  const current2 = path2[path2.length - 1];
  const diverged = mode === '1d'
    ? !(Math.abs(current1) < 1e6)
    : !(Math.abs(current2[0]) < 1e6 && Math.abs(current2[1]) < 1e6);
  // Off the plot there is nothing left to watch: running stops there, and the status says why.
  const offPlot = mode === '1d'
    ? !inside(current1, loss1.domain)
    : !(inside(current2[0], loss2.domain) && inside(current2[1], loss2.domain));

  function step() {
    if (mode === '1d') setPath1((p) => [...p, descentStep1D(loss1, p[p.length - 1], eta).w]);
    else setPath2((p) => [...p, descentStep2D(loss2, p[p.length - 1], eta).w]);
  }

  function restart(start1 = path1[0], start2 = path2[0]) {
    setRunning(false);
    setPath1([start1]);
    setPath2([start2]);
  }

  useEffect(() => {
    if (!running) return;
    if (diverged || offPlot || steps >= MAX_STEPS) {
      setRunning(false);
      return;
    }
    const timer = setTimeout(step, RUN_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [running, path1, path2, diverged, offPlot]);

  function choosePreset(key: keyof LearningRatePresets) {
    setPosition(Math.log10(rates[key]));
    restart(loss1.start, loss2.start);
  }

  function chooseLoss(value: string) {
    const [m, i] = value.split(':');
    const k = Number(i);
    setMode(m as Mode);
    if (m === '1d') setIndex1(k);
    else setIndex2(k);
    const r = m === '1d' ? toyLosses1D[k].rates : toyLosses2D[k].rates;
    setPosition(Math.log10(r.good));
    setRunning(false);
    setPath1([toyLosses1D[m === '1d' ? k : index1].start]);
    setPath2([toyLosses2D[m === '2d' ? k : index2].start]);
  }

  return (
    <div class="dx">
      <div class="dx-top">
        <label class="dx-select">
          Loss{' '}
          <select value={`${mode}:${mode === '1d' ? index1 : index2}`} onChange={(e) => chooseLoss(e.currentTarget.value)}
            data-testid="dx-loss">
            <optgroup label="one weight w (a curve)">
              {toyLosses1D.map((l, i) => <option value={`1d:${i}`}>{l.label}</option>)}
            </optgroup>
            <optgroup label="two weights w1, w2 (a surface)">
              {toyLosses2D.map((l, i) => <option value={`2d:${i}`}>{l.label}</option>)}
            </optgroup>
          </select>
        </label>
        <LabelledRange label="learning rate η" value={position} min={-3} max={0.4} step={0.01}
          onInput={(x) => setPosition(x)} format={(x) => String(etaFromPosition(x))} testid="dx-eta" />
        <div class="dx-presets" role="group" aria-label="Learning-rate presets (restart from the start point)">
          <span class="dx-presets-label">Presets:</span>
          {PRESETS.map(({ key, label }) => (
            <button type="button" onClick={() => choosePreset(key)} data-testid={`dx-preset-${key}`}>
              {label} ({rates[key]})
            </button>
          ))}
        </div>
        {mode === '1d' && (
          <LabelledRange label="start at w" value={path1[0]} min={loss1.domain[0]} max={loss1.domain[1]} step={0.01}
            onInput={(x) => restart(x, path2[0])} format={(x) => x.toFixed(2)} testid="dx-start" />
        )}
        <div class="dx-buttons">
          <button type="button" onClick={step} disabled={running || diverged} data-testid="dx-step">Step</button>
          <button type="button" onClick={() => setRunning(!running)} disabled={diverged || offPlot} aria-pressed={running}
            data-testid="dx-run">{running ? 'Pause' : 'Run'}</button>
          <button type="button" onClick={() => restart()} data-testid="dx-reset">Reset</button>
        </div>
      </div>
      <div class="dx-plot">
        {mode === '1d' ? <Curve loss={loss1} path={path1} eta={eta} /> : <Surface loss={loss2} path={path2} eta={eta} />}
      </div>
      <p class="dx-caption">
        {mode === '1d'
          ? 'The curve is the loss; the dashed line is the tangent, whose slope is dL/dw; the arrow on the axis is the next step, −η·dL/dw.'
          : 'The stronger the colour, the lower the loss. Dashed arrow: the gradient, pointing uphill. Solid arrow: the next step, −η times the gradient.'}
      </p>
      {mode === '1d' ? <Readout1D loss={loss1} w={current1} eta={eta} steps={steps} />
        : <Readout2D loss={loss2} w={current2} eta={eta} steps={steps} />}
    </div>
  );
}

function Readout1D({ loss, w, eta, steps }: { loss: ToyLoss1D; w: number; eta: number; steps: number }) {
  const { slope, step } = descentStep1D(loss, w, eta);
  const direction = !Number.isFinite(slope) ? '' : slope > 0 ? 'Slope positive, so the step goes left (−).' : slope < 0 ? 'Slope negative, so the step goes right (+).' : 'Slope 0: no step.';
  return (
    <div class="dx-readout">
      <dl>
        <div><dt>steps</dt><dd data-testid="dx-steps">{steps}</dd></div>
        <div><dt>w</dt><dd data-testid="dx-w">{fmt(w, 4)}</dd></div>
        <div><dt>L(w)</dt><dd data-testid="dx-L">{fmt(loss.f(w), 4)}</dd></div>
        <div><dt>dL/dw</dt><dd data-testid="dx-slope">{fmt(slope, 4)}</dd></div>
        <div><dt>next step −η·dL/dw</dt><dd data-testid="dx-next">{fmt(step, 4)}</dd></div>
      </dl>
      <p class="dx-status" aria-live="polite" data-testid="dx-status">
        {status(steps, loss.f(w), Math.abs(w) < 1e6, inside(w, loss.domain))} {direction}
      </p>
    </div>
  );
}

function Readout2D({ loss, w, eta, steps }: { loss: ToyLoss2D; w: Point; eta: number; steps: number }) {
  const { grad, step } = descentStep2D(loss, w, eta);
  return (
    <div class="dx-readout">
      <dl>
        <div><dt>steps</dt><dd data-testid="dx-steps">{steps}</dd></div>
        <div><dt>(w1, w2)</dt><dd data-testid="dx-w">({fmt(w[0])}, {fmt(w[1])})</dd></div>
        <div><dt>L</dt><dd data-testid="dx-L">{fmt(loss.f(w[0], w[1]), 4)}</dd></div>
        <div><dt>gradient</dt><dd data-testid="dx-slope">({fmt(grad[0])}, {fmt(grad[1])})</dd></div>
        <div><dt>next step −η·gradient</dt><dd data-testid="dx-next">({fmt(step[0])}, {fmt(step[1])})</dd></div>
      </dl>
      <p class="dx-status" aria-live="polite" data-testid="dx-status">
        {status(steps, loss.f(w[0], w[1]), Math.abs(w[0]) < 1e6 && Math.abs(w[1]) < 1e6,
          inside(w[0], loss.domain) && inside(w[1], loss.domain))}
      </p>
    </div>
  );
}

function status(steps: number, L: number, bounded: boolean, inPlot: boolean): string {
  if (!Number.isFinite(L) || !bounded) return `Diverged after ${steps} steps: the loss is ${fmt(L)}.`;
  if (!inPlot) return `After ${steps} steps the weights have left the plot (L = ${fmt(L)}), so running stops here. Restart, or try a smaller η.`;
  return `After ${steps} steps, L = ${fmt(L, 4)}.`;
}
