// Chapter 4: pick the layer sizes, see the shape of every W and b and how many
// parameters the network has. Shapes and counts come from the engine's MLP.
import { useMemo, useState } from 'preact/hooks';
import { MLP, formatShape } from '../../src/engine';
import './WeightShapes.css';

const HIDDEN_CHOICES = [4, 16, 32, 64, 128, 256];

/** An MLP of the chosen sizes; its matrices are created by the engine, so shapes can't drift. */
function buildNet(inputs: number, hidden: number, outputs: number): MLP {
  return MLP.create({ sizes: [inputs, hidden, outputs], activation: 'relu', init: 'he', seed: 1 });
}

function NumberField(props: { id: string; label: string; value: number; min: number; max: number; onChange(v: number): void }) {
  return (
    <label class="weightshapes-field" for={props.id}>
      <span>{props.label}</span>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(e) => {
          const v = Math.round(Number((e.target as HTMLInputElement).value));
          if (Number.isFinite(v) && v >= props.min && v <= props.max) props.onChange(v);
        }}
      />
    </label>
  );
}

export default function WeightShapes() {
  const [inputs, setInputs] = useState(784);
  const [hidden, setHidden] = useState(16);
  const [outputs, setOutputs] = useState(10);
  const net = useMemo(() => buildNet(inputs, hidden, outputs), [inputs, hidden, outputs]);
  const rows = [
    { name: 'W1', M: net.W[0], why: 'one row per hidden unit, one column per input' },
    { name: 'b1', M: net.b[0], why: 'one bias per hidden unit' },
    { name: 'W2', M: net.W[1], why: 'one row per output, one column per hidden unit' },
    { name: 'b2', M: net.b[1], why: 'one bias per output' },
  ];

  return (
    <div class="widget weightshapes" data-testid="weight-shapes">
      <fieldset class="weightshapes-controls">
        <legend>Layer sizes</legend>
        <NumberField id="ws-inputs" label="inputs i" value={inputs} min={1} max={4096} onChange={setInputs} />
        <label class="weightshapes-field" for="ws-hidden">
          <span>hidden units h</span>
          <select id="ws-hidden" value={hidden} onChange={(e) => setHidden(Number((e.target as HTMLSelectElement).value))}>
            {HIDDEN_CHOICES.map((h) => <option value={h}>{h}</option>)}
          </select>
        </label>
        <NumberField id="ws-outputs" label="outputs" value={outputs} min={1} max={100} onChange={setOutputs} />
      </fieldset>
      <div class="weightshapes-diagram" aria-hidden="true">
        <span>{inputs}</span><span class="weightshapes-arrow">→</span>
        <span>{hidden}</span><span class="weightshapes-arrow">→</span>
        <span>{outputs}</span>
      </div>
      <table class="weightshapes-table">
        <thead>
          <tr><th scope="col">matrix</th><th scope="col">shape</th><th scope="col">numbers</th><th scope="col" class="weightshapes-why">why this shape</th></tr>
        </thead>
        <tbody aria-live="polite">
          {rows.map(({ name, M, why }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td data-testid={`shape-${name}`}>{formatShape(M.shape)}</td>
              <td data-testid={`count-${name}`}>{M.data.length.toLocaleString('en')}</td>
              <td class="weightshapes-why">{why}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            <td />
            <td data-testid="param-count" aria-live="polite">{net.parameterCount().toLocaleString('en')}</td>
            <td class="weightshapes-why">parameters the training will learn</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
