// Chapter 7: drag logits and watch softmax turn them into probabilities; a temperature;
// a constant added to every logit (harmless to softmax, fatal to the formula without the max);
// two classes beside the sigmoid of their difference. Every number comes from the engine.
import { useMemo, useState } from 'preact/hooks';
import { Matrix, add, map, scalar, scale, softmax, softmaxUnstable, sumAll } from '../../src/engine';
import LabelledRange from '../ui/LabelledRange';
import './SoftmaxPlayground.css';

const START_LOGITS = [2, 1, 0.1, -1];
const CLASS_NAMES = ['A', 'B', 'C', 'D'];

/** Numbers as the reader should see them: overflow and NaN spelled out, tiny and huge in e-notation. */
function fmt(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '−Infinity';
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return v.toFixed(digits);
}

/** The logits the formula actually sees: (z + c) / T, shape (4, 1), via the engine's broadcasting add. */
function shownLogits(z: number[], shift: number, temperature: number): Matrix {
  return scale(add(Matrix.fromColumn(z), Matrix.fromArray([[shift]])), 1 / temperature);
}

function ProbabilityBar({ p, testid }: { p: number; testid: string }) {
  const width = Number.isFinite(p) ? Math.max(0, Math.min(1, p)) * 100 : 0;
  return (
    <span class={`smx-bar ${Number.isNaN(p) ? 'smx-bar-nan' : ''}`}>
      <span class="smx-bar-fill" style={{ width: `${width}%` }} />
      <span class="smx-bar-text" data-testid={testid}>{fmt(p)}</span>
    </span>
  );
}

function ManyClasses() {
  const [z, setZ] = useState(START_LOGITS);
  const [temperature, setTemperature] = useState(1);
  const [shift, setShift] = useState(0);
  const { Z, stable, unstable, exps } = useMemo(() => {
    const Z = shownLogits(z, shift, temperature);
    return { Z, stable: softmax(Z), unstable: softmaxUnstable(Z), exps: map(Z, Math.exp) };
  }, [z, shift, temperature]);
  const total = sumAll(stable);
  const broken = unstable.data.some((p) => Number.isNaN(p));
  const setLogit = (i: number, v: number) => setZ(z.map((old, k) => (k === i ? v : old)));
  return (
    <section class="smx-part" aria-labelledby="smx-many-title">
      <h3 id="smx-many-title">1. Logits in, probabilities out</h3>
      <div class="smx-controls">
        {z.map((v, i) => (
          <LabelledRange label={`logit z${i + 1} (${CLASS_NAMES[i]})`} value={v} min={-8} max={8} step={0.1}
            onInput={(x) => setLogit(i, x)} format={(x) => x.toFixed(1)} testid={`smx-z${i + 1}`} />
        ))}
        <LabelledRange label="temperature T" value={temperature} min={0.1} max={5} step={0.05}
          onInput={setTemperature} format={(x) => x.toFixed(2)} testid="smx-temperature" />
        <LabelledRange label="add c to every logit" value={shift} min={0} max={800} step={10}
          onInput={setShift} format={(x) => x.toFixed(0)} testid="smx-shift" />
      </div>
      <div class="smx-table-wrap">
        <table class="smx-table">
          <caption>softmax((z + c) / T), computed two ways: the engine's softmax (max subtracted) and softmaxUnstable (the formula as written)</caption>
          <thead>
            <tr>
              <th scope="col">class</th>
              <th scope="col">(z + c)/T</th>
              <th scope="col">e to that</th>
              <th scope="col">max subtracted</th>
              <th scope="col">as written</th>
            </tr>
          </thead>
          <tbody>
            {z.map((_, i) => (
              <tr data-testid={`smx-row-${i + 1}`}>
                <th scope="row">{CLASS_NAMES[i]}</th>
                <td class="smx-num" data-testid="logit">{fmt(Z.data[i], 2)}</td>
                <td class={`smx-num ${Number.isFinite(exps.data[i]) ? '' : 'smx-bad'}`} data-testid="exp">{fmt(exps.data[i])}</td>
                <td><ProbabilityBar p={stable.data[i]} testid="stable" /></td>
                <td><ProbabilityBar p={unstable.data[i]} testid="unstable" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="smx-status" aria-live="polite" data-testid="smx-status">
        The probabilities add up to {fmt(total)}.{' '}
        {broken
          ? 'Without subtracting the max, e to a logit above 709.78 is Infinity and Infinity/Infinity is NaN.'
          : 'Both ways agree.'}
      </p>
    </section>
  );
}

function TwoClasses() {
  const [z1, setZ1] = useState(1.5);
  const [z2, setZ2] = useState(0.5);
  const p = softmax(Matrix.fromColumn([z1, z2]));
  const s = scalar.sigmoid.f(z1 - z2);
  return (
    <section class="smx-part" aria-labelledby="smx-two-title">
      <h3 id="smx-two-title">2. Two classes: softmax is the sigmoid of the difference</h3>
      <div class="smx-controls">
        <LabelledRange label="logit z1" value={z1} min={-6} max={6} step={0.1} onInput={setZ1}
          format={(x) => x.toFixed(1)} testid="smx-two-z1" />
        <LabelledRange label="logit z2" value={z2} min={-6} max={6} step={0.1} onInput={setZ2}
          format={(x) => x.toFixed(1)} testid="smx-two-z2" />
      </div>
      <div class="smx-pair">
        <div class="smx-pair-col">
          <p class="smx-pair-head">softmax([z1, z2])</p>
          <p>class 1 <ProbabilityBar p={p.data[0]} testid="smx-two-p1" /></p>
          <p>class 2 <ProbabilityBar p={p.data[1]} testid="smx-two-p2" /></p>
        </div>
        <div class="smx-pair-col">
          <p class="smx-pair-head">σ(z1 − z2), z1 − z2 = {fmt(z1 - z2, 1)}</p>
          <p>σ(z1 − z2) <ProbabilityBar p={s} testid="smx-two-sigma" /></p>
          <p>1 − σ(z1 − z2) <ProbabilityBar p={1 - s} testid="smx-two-rest" /></p>
        </div>
      </div>
      <p class="smx-status" aria-live="polite">
        softmax gives class 1 the probability {fmt(p.data[0])}; σ(z1 − z2) = {fmt(s)}. The second class gets
        what is left: 1 − {fmt(s)} = {fmt(1 - s)}.
      </p>
    </section>
  );
}

export default function SoftmaxPlayground() {
  return (
    <div class="smx">
      <ManyClasses />
      <TwoClasses />
    </div>
  );
}
