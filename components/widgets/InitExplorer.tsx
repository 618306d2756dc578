// Chapter 4: push random inputs through a deep network (10 layers of 256 units)
// and look at each layer's activations, and the gradient of its weights after one backward pass,
// for four ways of initialising the weights.
// The forward pass runs in a worker (use-deep-activations.ts); the first view comes
// with the page (InitExplorer.astro computes it at build time). The widget's height
// never changes, so nothing on the page moves when a result arrives.
import { initialisers, type InitName } from '../../src/engine';
import { DEPTH, EXAMPLES, RANGE, WIDTH, type DeepAct, type DeepView } from '../../src/worker/deep-activations';
import HistogramSvg from '../ui/HistogramSvg';
import SteadyHeight from '../ui/SteadyHeight';
import { useDeepActivations } from './use-deep-activations';
import './InitExplorer.css';

const INITS: InitName[] = ['randn', 'small', 'xavier', 'he'];
const ACTIVATIONS: DeepAct[] = ['tanh', 'relu'];

const VERDICTS = {
  saturated: 'saturated: almost every unit sits at −1 or +1, where tanh is flat',
  exploding: 'exploding: the spread grows layer after layer',
  vanishing: 'vanishing: the activations shrink towards 0 layer after layer',
  healthy: 'healthy: the spread stays about the same through all ten layers',
};
const BUSY = `Computing the forward pass through ${DEPTH} layers of ${WIDTH} units…`;
// Stands in for the number in the verdicts whose room is kept: as wide as any fmt writes for these networks.
const WIDEST_STD = '8.8e+88';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return v.toFixed(3);
}

function verdict(act: DeepAct, std: number): string {
  if (act === 'tanh' && std > 0.9) return VERDICTS.saturated;
  if (std > 10) return VERDICTS.exploding;
  if (std < 0.05) return VERDICTS.vanishing;
  return VERDICTS.healthy;
}

function sentence(std: string, text: string) {
  return <>After {DEPTH} layers the activations have standard deviation <strong>{std}</strong>: {text}.</>;
}

function legend(act: DeepAct) {
  const [lo, hi] = RANGE[act];
  return (
    <p class="initexp-legend">
      Each row: the {WIDTH * EXAMPLES} values of one layer's activations for {EXAMPLES} random inputs, binned over [{lo}, {hi}]
      {act === 'relu' ? ' (exact zeros left out and counted separately)' : ''}. Red end bars count values outside that range.
      Beside it, dWℓ is the spread (standard deviation) of the gradient of the weights that make that layer, from one
      backward pass: what a training step would multiply by η.
    </p>
  );
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

function Layers({ view, busy }: { view: DeepView; busy: boolean }) {
  const [lo, hi] = RANGE[view.act];
  return (
    <ol class="initexp-layers" aria-busy={busy}>
      {view.layers.map(({ std, zeroFraction, hist, gradStd }, l) => (
        <li class="initexp-layer" data-testid="init-layer">
          <span class="initexp-name">A{l + 1}</span>
          <HistogramSvg hist={hist} label={`layer ${l + 1}: standard deviation ${fmt(std)}, its weights' gradient ${gradStd.toExponential(1)}`} />
          <span class="initexp-std">
            <span>std <span data-testid="layer-std">{fmt(std)}</span></span>
            <span class="initexp-grad">dW{l + 1} <span data-testid="layer-grad">{gradStd.toExponential(1)}</span></span>
            <span class="initexp-zero">{view.act === 'relu' && `${Math.round(100 * zeroFraction)}% zero`}</span>
          </span>
        </li>
      ))}
      <li class="initexp-layer initexp-axis" aria-hidden="true">
        <span />
        <span class="initexp-ticks"><span>{lo}</span><span>{(lo + hi) / 2}</span><span>{hi}</span></span>
        <span />
      </li>
    </ol>
  );
}

export default function InitExplorer({ initial }: { initial: DeepView }) {
  const { wanted, view, busy, error, choose } = useDeepActivations(initial);
  const last = view.layers[view.layers.length - 1].std;
  const status = error ? `Could not compute the activations: ${error}.` : busy ? BUSY : sentence(fmt(last), verdict(view.act, last));

  return (
    <div class="widget initexp" data-testid="init-explorer">
      <div class="initexp-controls">
        <RadioGroup<DeepAct> legend="Activation g" name="initexp-act" options={ACTIVATIONS} label={(a) => a} value={wanted.act} onChange={(act) => choose({ ...wanted, act })} />
        <RadioGroup<InitName> legend="Initial weights" name="initexp-init" options={INITS} label={(i) => initialisers[i].label} value={wanted.init} onChange={(init) => choose({ ...wanted, init })} />
      </div>
      <SteadyHeight reserve={[BUSY, ...Object.values(VERDICTS).map((v) => sentence(WIDEST_STD, v))].map((text) => <p>{text}</p>)}>
        <p aria-live="polite" data-testid="init-verdict">{status}</p>
      </SteadyHeight>
      <Layers view={view} busy={busy} />
      <SteadyHeight reserve={ACTIVATIONS.map(legend)}>{legend(view.act)}</SteadyHeight>
    </div>
  );
}
