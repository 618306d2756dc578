// Chapter 7: a real MNIST digit through a trained network (the reader's saved one, or the bundled
// one until there is one): its ten logits Z2 from the engine's forward pass, and softmax of them.
// The logits are sliders, so the reader can then drag them and watch the probabilities follow.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Matrix, argmax, softmax } from '../../src/engine';
import { loadValidationImages, type MnistSplit } from '../../src/data/mnist-browser';
import DigitThumb from '../ui/DigitThumb';
import LabelledRange from '../ui/LabelledRange';
import { readingNetwork, type ReadingNetwork } from './reading-network';
import { FIRST_VALIDATION_IMAGE } from './validation-predictions';
import './RealDigitLogits.css';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; network: ReadingNetwork; images: MnistSplit };

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const LIMIT = 25;

/** z (10, 1) of image j: the output layer's logits, before softmax. */
function logitsOf(network: ReadingNetwork, images: MnistSplit, j: number): number[] {
  const { Z } = network.net.forwardWithCache(images.dataset(j, 1).X);
  return Array.from(Z[Z.length - 1].data);
}

export default function RealDigitLogits() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [j, setJ] = useState(0);
  const [z, setZ] = useState<number[] | null>(null);

  const load = () => {
    setState({ kind: 'loading' });
    Promise.all([readingNetwork(), loadValidationImages()])
      .then(([network, images]) => setState({ kind: 'ready', network, images }))
      .catch((error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
  };
  useEffect(load, []);

  const network = state.kind === 'ready' ? logitsOf(state.network, state.images, j) : null;
  useEffect(() => setZ(network), [state, j]);

  const p = useMemo(() => (z ? Array.from(softmax(Matrix.fromColumn(z)).data) : null), [z]);
  const best = z ? argmax(Matrix.fromColumn(z), 0)[0] : -1;
  const moved = !!(z && network && z.some((v, k) => Math.abs(v - network[k]) > 1e-9));

  if (state.kind !== 'ready' || !z || !p) {
    return (
      <div class="widget rdl" data-testid="real-digit-logits" data-state={state.kind}>
        {state.kind === 'error'
          ? <p role="alert">The digit or the network could not be loaded: {state.message} <button type="button" onClick={load}>Try again</button></p>
          : <p>Loading a digit and a trained network…</p>}
      </div>
    );
  }
  const label = state.images.labels[j];
  const count = state.images.count;
  return (
    <div class="widget rdl" data-testid="real-digit-logits" data-state="ready">
      <div class="rdl-head">
        <DigitThumb pixels={state.images.image(j)} size={84} label={`MNIST image ${FIRST_VALIDATION_IMAGE + j}, a ${label}`} />
        <div class="rdl-head-text">
          <p>
            MNIST image {(FIRST_VALIDATION_IMAGE + j).toLocaleString('en-US')} (a <strong data-testid="rdl-label">{label}</strong>),
            read by <span data-testid="rdl-network" data-source={state.network.source}>{state.network.name}</span>.
          </p>
          <div class="rdl-buttons">
            <button type="button" onClick={() => setJ((j + count - 1) % count)}>← Previous digit</button>
            <button type="button" onClick={() => setJ((j + 1) % count)}>Next digit →</button>
            <button type="button" disabled={!moved} onClick={() => setZ(network)}>Back to the network's logits</button>
          </div>
        </div>
      </div>
      <table class="rdl-table" aria-label="The ten logits and their softmax probabilities">
        <thead>
          <tr><th scope="col">digit k</th><th scope="col">logit z<sub>k</sub> (drag)</th><th scope="col">softmax(z)<sub>k</sub></th></tr>
        </thead>
        <tbody>
          {DIGITS.map((k) => (
            <tr key={k} class={k === best ? 'rdl-best' : undefined}>
              <th scope="row">{k}</th>
              <td>
                <LabelledRange label={`z${k}`} value={Math.max(-LIMIT, Math.min(LIMIT, z[k]))} min={-LIMIT} max={LIMIT} step={0.1}
                  format={() => z[k].toFixed(2)} testid={`rdl-z${k}`}
                  onInput={(v) => setZ(z.map((old, i) => (i === k ? v : old)))} />
              </td>
              <td>
                <span class="rdl-bar"><span class="rdl-fill" style={{ width: `${(100 * p[k]).toFixed(1)}%` }} /></span>
                <span class="rdl-p" data-testid={`rdl-p${k}`} data-p={p[k]}>{(100 * p[k]).toFixed(p[k] < 0.001 && p[k] > 0 ? 3 : 1)}%</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="rdl-verdict" aria-live="polite" data-testid="rdl-verdict">
        {moved ? 'With your logits, the answer is' : 'The network says'} {best}, with probability {(100 * p[best]).toFixed(1)}%.
      </p>
    </div>
  );
}
