// Chapter 4: push random inputs through a deep network (10 layers of 256 units)
// and look at each layer's activations for four ways of initialising the weights.
// The network, the forward pass and every statistic come from the engine.
import { useMemo, useState } from 'preact/hooks';
import { MLP, Matrix, createRng, histogram, initialisers, layerStats, type InitName, type LayerStats } from '../../src/engine';
import HistogramSvg from '../ui/HistogramSvg';
import './InitExplorer.css';

const WIDTH = 256;
const DEPTH = 10;
const EXAMPLES = 64;
const INITS: InitName[] = ['randn', 'small', 'xavier', 'he'];
const ACTIVATIONS = ['tanh', 'relu'] as const;
type Act = (typeof ACTIVATIONS)[number];
// tanh lives in (−1, 1); ReLU's outputs are ≥ 0 and, with a healthy scale, mostly below 3.
const RANGE: Record<Act, [number, number]> = { tanh: [-1, 1], relu: [0, 3] };

interface LayerView {
  stats: LayerStats;
  hist: ReturnType<typeof histogram>;
}

/** A1 … A10 of a 256-wide, 10-deep network on 128 random inputs x ~ N(0, 1). */
function deepActivations(act: Act, init: InitName): LayerView[] {
  const sizes = [WIDTH, ...Array(DEPTH).fill(WIDTH), 10];
  const net = MLP.create({ sizes, activation: act, init, seed: 4 });
  const X = Matrix.randn(WIDTH, EXAMPLES, createRng(40));
  const { A } = net.forwardWithCache(X);
  const [lo, hi] = RANGE[act];
  // A[1] … A[DEPTH] are the hidden layers' activations; the last A is the softmax output.
  return A.slice(1, DEPTH + 1).map((Al) => ({ stats: layerStats(Al), hist: histogram(Al, lo, hi, 30, act === 'relu') }));
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return v.toFixed(3);
}

function verdict(act: Act, last: LayerStats): string {
  if (act === 'tanh' && last.std > 0.9) return 'saturated: almost every unit sits at −1 or +1, where tanh is flat';
  if (last.std > 10) return 'exploding: the spread grows layer after layer';
  if (last.std < 0.05) return 'vanishing: the activations shrink towards 0 layer after layer';
  return 'healthy: the spread stays about the same through all ten layers';
}

function RadioGroup<T extends string>(props: { legend: string; name: string; options: readonly T[]; label(o: T): string; value: T; onChange(v: T): void }) {
  return (
    <fieldset class="initexp-group">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="initexp-radio">
          <input type="radio" name={props.name} value={o} checked={props.value === o} onChange={() => props.onChange(o)} />
          {props.label(o)}
        </label>
      ))}
    </fieldset>
  );
}

export default function InitExplorer() {
  const [act, setAct] = useState<Act>('tanh');
  const [init, setInit] = useState<InitName>('randn');
  const layers = useMemo(() => deepActivations(act, init), [act, init]);
  const [lo, hi] = RANGE[act];
  const last = layers[layers.length - 1].stats;

  return (
    <div class="initexp" data-testid="init-explorer">
      <div class="initexp-controls">
        <RadioGroup<Act> legend="Activation g" name="initexp-act" options={ACTIVATIONS} label={(a) => a} value={act} onChange={setAct} />
        <RadioGroup<InitName> legend="Initial weights" name="initexp-init" options={INITS} label={(i) => initialisers[i].label} value={init} onChange={setInit} />
      </div>
      <p class="initexp-verdict" aria-live="polite" data-testid="init-verdict">
        After 10 layers the activations have standard deviation <strong data-testid="last-std">{fmt(last.std)}</strong>: {verdict(act, last)}.
      </p>
      <ol class="initexp-layers">
        {layers.map(({ stats, hist }, l) => (
          <li class="initexp-layer" data-testid="init-layer">
            <span class="initexp-name">A{l + 1}</span>
            <HistogramSvg hist={hist} label={`layer ${l + 1}: standard deviation ${fmt(stats.std)}`} />
            <span class="initexp-std">
              std <span data-testid="layer-std">{fmt(stats.std)}</span>
              {act === 'relu' && <span class="initexp-zero"> · {Math.round(100 * stats.zeroFraction)}% zero</span>}
            </span>
          </li>
        ))}
        <li class="initexp-layer initexp-axis" aria-hidden="true">
          <span />
          <span class="initexp-ticks"><span>{lo}</span><span>{(lo + hi) / 2}</span><span>{hi}</span></span>
          <span />
        </li>
      </ol>
      <p class="initexp-legend">
        Each row: the {WIDTH * EXAMPLES} values of one layer's activations for {EXAMPLES} random inputs, binned over [{lo}, {hi}]
        {act === 'relu' ? ' (exact zeros left out and counted separately)' : ''}. Red end bars count values outside that range.
      </p>
    </div>
  );
}
