// Chapter 14: one MNIST training image and eight copies of it, each shifted and turned at random
// within the limits the reader sets. The transforms come from the engine (randomTransform,
// transformImage in src/engine/augment.ts), the same ones that augment the training set in the cells.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createRng, randomTransform, transformImage, type Transform } from '../../src/engine';
import { loadMnist, type Mnist } from '../../src/data/mnist-browser';
import DigitThumb from '../ui/DigitThumb';
import LabelledRange from '../ui/LabelledRange';
import './AugmentExplorer.css';

const COPIES = 8;

type State = { kind: 'loading'; fraction: number } | { kind: 'failed'; message: string } | { kind: 'ready'; mnist: Mnist };

function describe({ dx, dy, degrees }: Transform): string {
  const across = dx === 0 ? '' : `${Math.abs(dx)} ${dx > 0 ? 'right' : 'left'}`;
  const down = dy === 0 ? '' : `${Math.abs(dy)} ${dy > 0 ? 'down' : 'up'}`;
  const turn = Math.round(degrees) === 0 ? '' : `${Math.abs(Math.round(degrees))}° ${degrees > 0 ? 'anticlockwise' : 'clockwise'}`;
  return [across, down, turn].filter(Boolean).join(', ') || 'unchanged';
}

export default function AugmentExplorer() {
  const [state, setState] = useState<State>({ kind: 'loading', fraction: 0 });
  const [index, setIndex] = useState(0);
  const [maxShift, setMaxShift] = useState(2);
  const [maxDegrees, setMaxDegrees] = useState(12);
  const [seed, setSeed] = useState(1);

  function load() {
    setState({ kind: 'loading', fraction: 0 });
    loadMnist({ onProgress: (p) => setState({ kind: 'loading', fraction: p.fraction }) })
      .then((mnist) => setState({ kind: 'ready', mnist }))
      .catch((error: Error) => setState({ kind: 'failed', message: error.message }));
  }
  useEffect(load, []);

  const train = state.kind === 'ready' ? state.mnist.train : null;
  const original = train?.image(index);
  const label = train?.labels[index];
  const copies = useMemo(() => {
    if (!original) return [];
    const x = Float32Array.from(original, (v) => v / 255);
    const rng = createRng(seed);
    return Array.from({ length: COPIES }, () => {
      const transform = randomTransform(rng, maxShift, maxDegrees);
      const pixels = Uint8Array.from(transformImage(x, transform), (v) => Math.round(255 * Math.min(1, Math.max(0, v))));
      return { transform, pixels };
    });
  }, [original, maxShift, maxDegrees, seed]);

  return (
    <div class="aug widget" data-testid="aug">
      <div class="aug-controls">
        <LabelledRange label="largest shift (pixels)" value={maxShift} min={0} max={4} step={1} onInput={setMaxShift} testid="aug-shift" />
        <LabelledRange label="largest turn (degrees)" value={maxDegrees} min={0} max={30} step={1} onInput={setMaxDegrees} testid="aug-turn" />
        <div class="aug-buttons">
          <button type="button" onClick={() => setSeed((s) => s + 1)} disabled={!train} data-testid="aug-new">New copies</button>
          <button type="button" onClick={() => setIndex((i) => (i + 1) % (train?.count ?? 1))} disabled={!train} data-testid="aug-next">Next image</button>
        </div>
      </div>
      <div class="aug-body" aria-live="polite">
        {state.kind === 'loading' && <p class="aug-status">Loading MNIST… {Math.round(100 * state.fraction)}%</p>}
        {state.kind === 'failed' && (
          <p class="aug-status" role="alert">
            Could not load MNIST: {state.message}{' '}
            <button type="button" onClick={load}>Try again</button>
          </p>
        )}
        {original && (
          <ul class="aug-grid" aria-label={`Training image ${index}, a ${label}, and ${COPIES} augmented copies`}>
            <li class="aug-original">
              <DigitThumb pixels={original} size={64} label={`Original training image ${index}, a ${label}`} />
              <span>original ({label})</span>
            </li>
            {copies.map(({ transform, pixels }, k) => (
              <li data-testid="aug-copy">
                <DigitThumb pixels={pixels} size={64} label={`Copy ${k + 1}: ${describe(transform)}`} />
                <span>{describe(transform)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
