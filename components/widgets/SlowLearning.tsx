// Chapter 9: Nielsen's slow-learning picture. One sigmoid neuron, started badly wrong, trained
// with squared error and with cross-entropy from the same start; the two loss curves side by
// side, with σ′(z) drawn on the squared-error side because that factor is what stalls it.
// Three hundred steps of one neuron take well under a millisecond, so they are computed here,
// with the engine (slow-learning.ts), not in a worker.
import { useMemo, useState } from 'preact/hooks';
import FunctionPlotSvg from '../ui/FunctionPlotSvg';
import LabelledRange from '../ui/LabelledRange';
import { BADLY_WRONG, MILDLY_WRONG, trainNeuron, type Trajectory } from './slow-learning';
import './SlowLearning.css';

const STARTS = { bad: BADLY_WRONG, mild: MILDLY_WRONG };
type StartName = keyof typeof STARTS;

/** x in hundreds of epochs, so the plot's unit ticks fall every 100 epochs. */
const curve = (values: number[]): [number, number][] => values.map((v, e) => [e / 100, v]);

export default function SlowLearning() {
  const [startName, setStartName] = useState<StartName>('bad');
  const [epoch, setEpoch] = useState(0);
  const start = STARTS[startName];
  const runs = useMemo(() => ({ mse: trainNeuron('mse', start), ce: trainNeuron('ce', start) }), [start]);
  const maxCe = Math.ceil(Math.max(...runs.ce.loss));

  const cell = (t: Trajectory, key: keyof Trajectory, id: string) => (
    <td data-testid={`slow-${id}`}>{t[key][epoch].toFixed(4)}</td>
  );

  return (
    <div class="widget slow" data-testid="slow-learning">
      <fieldset class="slow-starts">
        <legend>Start the neuron (input x = 1, target y = 0, η = {start.learningRate})</legend>
        {(Object.keys(STARTS) as StartName[]).map((name) => (
          <label>
            <input type="radio" name="slow-start" checked={startName === name} onChange={() => setStartName(name)} />
            {name === 'bad' ? 'badly wrong' : 'mildly wrong'}: w = {STARTS[name].w}, b = {STARTS[name].b}
          </label>
        ))}
      </fieldset>
      <div class="slow-charts">
        <figure>
          <figcaption>Squared error ½(a − y)² <span class="slow-key-dashed">σ′(z)</span></figcaption>
          <FunctionPlotSvg
            label="Squared error loss and σ′(z) against epochs, in hundreds"
            x={[0, start.epochs / 100]}
            y={[0, 0.5]}
            yTicks={[0, 0.25, 0.5]}
            curves={[{ points: curve(runs.mse.loss) }, { points: curve(runs.mse.sigmaPrime), className: 'fplot-curve-bad fplot-curve-dashed' }]}
            marker={{ x: epoch / 100, y: runs.mse.loss[epoch] }}
            onPick={(x) => setEpoch(Math.round(100 * x))}
          />
        </figure>
        <figure>
          <figcaption>Cross-entropy −[y ln a + (1 − y) ln(1 − a)]</figcaption>
          <FunctionPlotSvg
            label="Cross-entropy loss against epochs, in hundreds"
            x={[0, start.epochs / 100]}
            y={[0, maxCe]}
            yTicks={Array.from({ length: maxCe + 1 }, (_, k) => k)}
            curves={[{ points: curve(runs.ce.loss) }]}
            marker={{ x: epoch / 100, y: runs.ce.loss[epoch] }}
            onPick={(x) => setEpoch(Math.round(100 * x))}
          />
        </figure>
      </div>
      <p class="slow-axis">Horizontal axes: epochs, in hundreds (one step of gradient descent per epoch).</p>
      <LabelledRange label="epoch" value={epoch} min={0} max={start.epochs} step={1} onInput={setEpoch} testid="slow-epoch" />
      <table class="slow-table" data-testid="slow-table">
        <caption>The neuron after {epoch} steps</caption>
        <thead>
          <tr><th scope="col">quantity</th><th scope="col">squared error</th><th scope="col">cross-entropy</th></tr>
        </thead>
        <tbody>
          <tr><th scope="row">output a = σ(z)</th>{cell(runs.mse, 'a', 'mse-a')}{cell(runs.ce, 'a', 'ce-a')}</tr>
          <tr><th scope="row">loss</th>{cell(runs.mse, 'loss', 'mse-loss')}{cell(runs.ce, 'loss', 'ce-loss')}</tr>
          <tr><th scope="row">σ′(z) = a(1 − a)</th>{cell(runs.mse, 'sigmaPrime', 'mse-sp')}{cell(runs.ce, 'sigmaPrime', 'ce-sp')}</tr>
          <tr>
            <th scope="row">∂ℓ/∂z, the push</th>
            {cell(runs.mse, 'dz', 'mse-dz')}
            {cell(runs.ce, 'dz', 'ce-dz')}
          </tr>
          <tr class="slow-formula"><th scope="row">the push, written out</th><td>(a − y)·σ′(z)</td><td>a − y</td></tr>
        </tbody>
      </table>
    </div>
  );
}
