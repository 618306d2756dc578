// Chapter 6: an activation g and its derivative g′, plotted from the engine's scalar
// f and df, with a marker at z the reader moves (drag on a plot, or the slider).
import { useMemo, useState } from 'preact/hooks';
import { scalar, type ActivationName } from '../../src/engine';
import FunctionPlotSvg from '../ui/FunctionPlotSvg';
import LabelledRange from '../ui/LabelledRange';
import './ActivationExplorer.css';

type Shown = Exclude<ActivationName, 'identity'>;
const CHOICES: { name: Shown; label: string; note: string }[] = [
  { name: 'sigmoid', label: 'sigmoid σ', note: 'outputs between 0 and 1; the slope is at most 0.25 and flattens out on both sides' },
  { name: 'tanh', label: 'tanh', note: 'outputs between −1 and 1; slope 1 at 0, flat on both sides' },
  { name: 'relu', label: 'ReLU', note: 'no upper bound; slope exactly 1 for every z > 0, 0 for z ≤ 0' },
  { name: 'leakyRelu', label: 'leaky ReLU (α = 0.01)', note: 'like ReLU, but slope α = 0.01 for z ≤ 0, so a negative unit still gets a gradient' },
];
const Z_RANGE: [number, number] = [-5, 5];
const SAMPLES = 201;

/** (z, value) pairs for drawing; the values are the engine's. */
function sample(fn: (z: number) => number): [number, number][] {
  return Array.from({ length: SAMPLES }, (_, k) => {
    const z = Z_RANGE[0] + (k / (SAMPLES - 1)) * (Z_RANGE[1] - Z_RANGE[0]);
    return [z, fn(z)] as [number, number];
  });
}

const fmt = (v: number) => (Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(2) : v.toFixed(4));

export default function ActivationExplorer() {
  const [name, setName] = useState<Shown>('sigmoid');
  const [z, setZ] = useState(1);
  const g = scalar[name];
  const curves = useMemo(() => ({ f: sample(g.f), df: sample(g.df) }), [name]);
  const chosen = CHOICES.find((c) => c.name === name)!;
  const pickZ = (v: number) => setZ(Math.round(v * 10) / 10);

  return (
    <div class="widget actexp" data-testid="activation-explorer">
      <fieldset class="actexp-choices">
        <legend>Activation g</legend>
        {CHOICES.map((c) => (
          <label class="actexp-radio">
            <input type="radio" name="actexp-g" value={c.name} checked={name === c.name} onChange={() => setName(c.name)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div class="actexp-plots">
        <figure class="actexp-plot">
          <figcaption>g(z)</figcaption>
          <FunctionPlotSvg label={`${chosen.label} of z`} x={Z_RANGE} y={[-1.5, 5]} yTicks={[-1, 0, 1, 2, 3, 4, 5]}
            curves={[{ points: curves.f }]} marker={{ x: z, y: g.f(z) }} onPick={pickZ} />
        </figure>
        <figure class="actexp-plot">
          <figcaption>g′(z)</figcaption>
          <FunctionPlotSvg label={`derivative of ${chosen.label}`} x={Z_RANGE} y={[-0.1, 1.1]} yTicks={[0, 0.25, 0.5, 0.75, 1]}
            curves={[{ points: curves.df }]} marker={{ x: z, y: g.df(z) }} onPick={pickZ} />
        </figure>
      </div>
      <LabelledRange label="z" value={z} min={Z_RANGE[0]} max={Z_RANGE[1]} step={0.1} onInput={pickZ} format={(v) => v.toFixed(1)} testid="actexp-z" />
      <p class="actexp-readout" aria-live="polite" data-testid="actexp-readout">
        z = <span data-testid="actexp-zval">{z.toFixed(1)}</span>: g(z) = <strong data-testid="actexp-f">{fmt(g.f(z))}</strong>,
        g′(z) = <strong data-testid="actexp-df">{fmt(g.df(z))}</strong>
      </p>
      <p class="actexp-note">{chosen.note}.</p>
    </div>
  );
}
