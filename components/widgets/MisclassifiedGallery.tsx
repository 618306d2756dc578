// Chapter 12: the validation images the network (the reader's, or the bundled one) gets wrong, each with the ten probabilities
// it gave. Sorted by how sure the network was of its wrong answer, or by how unsure.
import { useMemo, useState } from 'preact/hooks';
import { FIRST_VALIDATION_IMAGE, validationPredictions, type ValidationPredictions } from './validation-predictions';
import { usePredictions } from './use-validation-predictions';
import DigitThumb from '../ui/DigitThumb';
import ProgressBar from '../ui/ProgressBar';
import './MisclassifiedGallery.css';

const PAGE = 24;
type Order = 'sure' | 'unsure';

function mistakes(data: ValidationPredictions, digit: number | null, order: Order): number[] {
  const out: number[] = [];
  for (let j = 0; j < data.labels.length; j++) {
    if (data.predicted[j] !== data.labels[j] && (digit === null || data.labels[j] === digit)) out.push(j);
  }
  const confidence = (j: number) => data.probabilities[10 * j + data.predicted[j]];
  return out.sort((a, b) => (order === 'sure' ? confidence(b) - confidence(a) : confidence(a) - confidence(b)));
}

function Card({ data, j }: { data: ValidationPredictions; j: number }) {
  const truth = data.labels[j], guess = data.predicted[j];
  const p = data.probabilities.subarray(10 * j, 10 * j + 10);
  return (
    <li class="misgal-card" data-testid="misclassified" data-true={truth} data-predicted={guess} data-p={p[guess]}>
      <DigitThumb pixels={data.images.image(j)} size={56} label={`image ${FIRST_VALIDATION_IMAGE + j}`} />
      <div class="misgal-text">
        <span>true <strong>{truth}</strong></span>
        <span class="misgal-guess">read as <strong>{guess}</strong> ({(100 * p[guess]).toFixed(0)}%)</span>
        <span class="misgal-truth-p">{truth}: {(100 * p[truth]).toFixed(0)}%</span>
      </div>
      <div class="misgal-bars" aria-hidden="true">
        {Array.from(p, (v, k) => (
          <span key={k} class={`misgal-bar ${k === guess ? 'misgal-bar-guess' : k === truth ? 'misgal-bar-truth' : ''}`}>
            <span class="misgal-bar-fill" style={{ height: `${Math.max(2, 100 * v)}%` }} />
            <span class="misgal-bar-digit">{k}</span>
          </span>
        ))}
      </div>
    </li>
  );
}

export default function MisclassifiedGallery() {
  const state = usePredictions(validationPredictions);
  const [digit, setDigit] = useState<number | null>(null);
  const [order, setOrder] = useState<Order>('sure');
  const [shown, setShown] = useState(PAGE);
  const list = useMemo(() => (state.kind === 'ready' ? mistakes(state.data, digit, order) : []), [state, digit, order]);

  if (state.kind !== 'ready') {
    return (
      <div class="widget misgal" data-testid="misclassified-gallery" data-state={state.kind}>
        {state.kind === 'loading' && <ProgressBar fraction={state.progress} label="Reading the 10,000 validation images…" />}
        {state.kind === 'error' && <p class="misgal-empty" role="alert">{state.message}</p>}
      </div>
    );
  }

  return (
    <div class="widget misgal" data-testid="misclassified-gallery" data-state="ready">
      <p class="misgal-network" data-testid="misclassified-network" data-source={state.data.network.source}>Network: {state.data.network.name}.{state.data.network.note && ` ${state.data.network.note}`}</p>
      <div class="misgal-controls">
        <label>
          <span>true digit</span>
          <select value={digit ?? 'all'} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; setDigit(v === 'all' ? null : Number(v)); setShown(PAGE); }}>
            <option value="all">all</option>
            {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => <option value={d}>{d}</option>)}
          </select>
        </label>
        <label>
          <span>order</span>
          <select value={order} onChange={(e) => { setOrder((e.target as HTMLSelectElement).value as Order); setShown(PAGE); }}>
            <option value="sure">most confident mistakes first</option>
            <option value="unsure">least confident first</option>
          </select>
        </label>
      </div>
      <p class="misgal-count" aria-live="polite" data-testid="misclassified-count">
        {list.length.toLocaleString('en-US')} misclassified{digit === null ? '' : ` ${digit}s`} of {state.data.labels.length.toLocaleString('en-US')} validation images
      </p>
      <ul class="misgal-list">
        {list.slice(0, shown).map((j) => <Card key={j} data={state.data} j={j} />)}
      </ul>
      {shown < list.length && (
        <button type="button" class="misgal-more" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, list.length - shown)} more</button>
      )}
    </div>
  );
}
