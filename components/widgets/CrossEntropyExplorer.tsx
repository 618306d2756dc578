// Chapter 9: cross-entropy as −log of the probability given to the right answer (drag p), the same
// number as binary cross-entropy for two classes, and the gradient ŷ − y for ten classes as bars,
// with a gradient step on the logits. Every loss and gradient is computed by the engine.
import { useMemo, useState } from 'preact/hooks';
import {
  Matrix,
  binaryCrossEntropy,
  crossEntropy,
  oneHot,
  scale,
  softmax,
  softmaxCrossEntropyGrad,
  sub,
} from '../../src/engine';
import LabelledRange from '../ui/LabelledRange';
import './CrossEntropyExplorer.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** Logits of a network that leans towards 7 for an image that is really a 1. */
const START_LOGITS = [0.2, 1.5, 0.1, -0.4, 0.3, -0.8, -0.2, 2.6, 0.4, 0.5];

function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'Infinity';
  return v.toFixed(digits);
}

/** Cross-entropy of the two-class column [p, 1 − p] when the first class is right, and binary CE of p. */
function losses(p: number) {
  return {
    twoClass: crossEntropy(Matrix.fromColumn([p, 1 - p]), oneHot([0], 2)),
    binary: binaryCrossEntropy(Matrix.fromArray([[p]]), Matrix.fromArray([[1]])),
  };
}

const PW = 440, PH = 220, PAD = 30;
const P_MIN = 0.01;

function LossOfP() {
  const [p, setP] = useState(0.2);
  const curve = useMemo(() => {
    const ps = Array.from({ length: 100 }, (_, i) => P_MIN + ((1 - P_MIN) * i) / 99);
    return ps.map((q) => [q, losses(q).twoClass] as const);
  }, []);
  const top = curve[0][1];
  const sx = (q: number) => PAD + q * (PW - 2 * PAD);
  const sy = (L: number) => PH - PAD - (L / top) * (PH - 2 * PAD);
  const { twoClass, binary } = losses(p);
  return (
    <section class="cex-part" aria-labelledby="cex-p-title">
      <h3 id="cex-p-title">1. The loss is −log of the probability of the right answer</h3>
      <LabelledRange label="p, probability of the true class" value={p} min={P_MIN} max={1} step={0.01}
        onInput={setP} format={(x) => x.toFixed(2)} testid="cex-p" />
      <svg class="cex-svg" viewBox={`0 0 ${PW} ${PH}`} role="img"
        aria-label={`The curve −log p; at p = ${p.toFixed(2)} the loss is ${fmt(twoClass)}`}>
        <line class="cex-axis" x1={PAD} x2={PW - PAD} y1={PH - PAD} y2={PH - PAD} />
        <line class="cex-axis" x1={PAD} x2={PAD} y1={PAD - 10} y2={PH - PAD} />
        <text class="cex-tick" x={PAD} y={PH - 10}>0</text>
        <text class="cex-tick" x={PW - PAD} y={PH - 10} text-anchor="end">1</text>
        <text class="cex-tick" x={PW / 2} y={PH - 10} text-anchor="middle">p</text>
        <text class="cex-tick" x={PAD + 6} y={PAD - 2}>L = −log p</text>
        <path class="cex-curve" d={curve.map(([q, L], i) => `${i ? 'L' : 'M'}${sx(q).toFixed(1)},${sy(L).toFixed(1)}`).join('')} />
        <line class="cex-drop" x1={sx(p)} x2={sx(p)} y1={sy(twoClass)} y2={PH - PAD} />
        <circle class="cex-here" cx={sx(p)} cy={sy(twoClass)} r={6} />
      </svg>
      <dl class="cex-readout">
        <div><dt>cross-entropy of [p, 1 − p], true class first</dt><dd data-testid="cex-ce">{fmt(twoClass, 4)}</dd></div>
        <div><dt>binary cross-entropy of p, label 1</dt><dd data-testid="cex-bce">{fmt(binary, 4)}</dd></div>
      </dl>
      <p class="cex-status" aria-live="polite">
        Giving the right answer probability {p.toFixed(2)} costs {fmt(twoClass, 3)}; the two formulas agree.
      </p>
    </section>
  );
}

function Bars({ values, testid, signed }: { values: ArrayLike<number>; testid: string; signed?: boolean }) {
  return (
    <div class={`cex-bars ${signed ? 'cex-signed' : ''}`} data-testid={testid}>
      {DIGITS.map((d) => {
        const v = values[d];
        const height = Math.min(1, Math.abs(v)) * 100;
        return (
          <div class="cex-bar-slot">
            <div class="cex-bar-area">
              <span class={`cex-bar ${v < 0 ? 'cex-neg' : ''}`}
                style={signed ? { height: `${height / 2}%`, [v < 0 ? 'top' : 'bottom']: '50%' } : { height: `${height}%` }} />
            </div>
            <span class="cex-bar-value" data-testid={`${testid}-${d}`}>{fmt(v, 2)}</span>
            <span class="cex-bar-digit">{d}</span>
          </div>
        );
      })}
    </div>
  );
}

function GradientBars() {
  const [label, setLabel] = useState(1);
  const [z, setZ] = useState(START_LOGITS);
  const [picked, setPicked] = useState(7);
  const Z2 = Matrix.fromColumn(z); // (10, 1): one example
  const Y = oneHot([label], 10); // (10, 1)
  const A2 = softmax(Z2);
  const dZ2 = softmaxCrossEntropyGrad(A2, Y); // (A2 − Y)/m with m = 1
  const L = crossEntropy(A2, Y);
  const stepOnLogits = () => setZ(Array.from(sub(Z2, scale(dZ2, 1)).data)); // z ← z − η·dZ2, η = 1
  return (
    <section class="cex-part" aria-labelledby="cex-grad-title">
      <h3 id="cex-grad-title">2. Ten classes: the gradient with respect to the logits is ŷ − y</h3>
      <div class="cex-row">
        <label>
          True digit{' '}
          <select value={label} onChange={(e) => setLabel(Number(e.currentTarget.value))} data-testid="cex-label">
            {DIGITS.map((d) => <option value={d}>{d}</option>)}
          </select>
        </label>
        <label>
          Drag the logit of digit{' '}
          <select value={picked} onChange={(e) => setPicked(Number(e.currentTarget.value))} data-testid="cex-picked">
            {DIGITS.map((d) => <option value={d}>{d}</option>)}
          </select>
        </label>
      </div>
      <LabelledRange label={`logit z of digit ${picked}`} value={z[picked]} min={-5} max={8} step={0.1}
        onInput={(v) => setZ(z.map((old, k) => (k === picked ? v : old)))} format={(x) => x.toFixed(2)} testid="cex-logit" />
      <div class="cex-grid">
        <div><p class="cex-head">ŷ = softmax(z)</p><Bars values={A2.data} testid="cex-yhat" /></div>
        <div><p class="cex-head">y, one-hot</p><Bars values={Y.data} testid="cex-y" /></div>
        <div><p class="cex-head">∂L/∂z = ŷ − y</p><Bars values={dZ2.data} testid="cex-grad" signed /></div>
      </div>
      <div class="cex-row">
        <button type="button" onClick={stepOnLogits} data-testid="cex-step">Step the logits: z ← z − (ŷ − y)</button>
        <button type="button" onClick={() => setZ(START_LOGITS)} data-testid="cex-reset">Reset</button>
      </div>
      <p class="cex-status" aria-live="polite" data-testid="cex-status">
        Loss −log ŷ<sub>{label}</sub> = <span data-testid="cex-loss">{fmt(L, 4)}</span>. The true digit's bar of ŷ − y is
        ŷ<sub>{label}</sub> − 1, negative, so a step raises its logit; every other logit is lowered by its probability.
      </p>
    </section>
  );
}

export default function CrossEntropyExplorer() {
  return (
    <div class="cex">
      <LossOfP />
      <GradientBars />
    </div>
  );
}
