// Chapter 12: the confusion matrix of the reader's saved network (or the bundled one) on the 10,000
// validation images.
// Rows are true digits, columns predicted ones; click (or Enter on) a cell to see its images.
// Counts come from the engine's confusionMatrix; predictions from validation-predictions.ts.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { confusionMatrix } from '../../src/engine';
import DigitThumb from '../ui/DigitThumb';
import ProgressBar from '../ui/ProgressBar';
import { FIRST_VALIDATION_IMAGE, validationPredictions, type ValidationPredictions } from './validation-predictions';
import { usePredictions } from './use-validation-predictions';
import './ConfusionMatrix.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const SHOWN = 30;

function CellImages({ data, row, col }: { data: ValidationPredictions; row: number; col: number }) {
  const indices = useMemo(() => {
    const out: number[] = [];
    for (let j = 0; j < data.labels.length; j++) if (data.labels[j] === row && data.predicted[j] === col) out.push(j);
    return out;
  }, [data, row, col]);
  return (
    <div class="confusion-images" data-testid="confusion-images" data-count={indices.length}>
      <p class="confusion-images-title">
        True {row}, predicted {col}: {indices.length.toLocaleString('en-US')} image{indices.length === 1 ? '' : 's'}
        {indices.length > SHOWN ? ` (the first ${SHOWN})` : ''}
      </p>
      <div class="confusion-thumbs">
        {indices.slice(0, SHOWN).map((j) => (
          <figure key={j} class="confusion-thumb">
            <DigitThumb pixels={data.images.image(j)} size={48} label={`image ${FIRST_VALIDATION_IMAGE + j}, a ${row} read as ${col}`} />
            <figcaption>p = {data.probabilities[10 * j + col].toFixed(2)}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

export default function ConfusionMatrix() {
  const state = usePredictions(validationPredictions);
  const [selected, setSelected] = useState<[number, number]>([4, 9]);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const counts = useMemo(() => (state.kind === 'ready' ? confusionMatrix(state.data.predicted, state.data.labels) : null), [state]);

  useEffect(() => {
    if (!counts) return;
    // Start on the most frequent mistake: the most instructive cell.
    let best: [number, number] = [0, 1];
    for (const i of DIGITS) for (const k of DIGITS) if (i !== k && counts[i][k] > counts[best[0]][best[1]]) best = [i, k];
    setSelected(best);
  }, [counts]);

  const move = (e: KeyboardEvent, i: number, k: number) => {
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const d = step[e.key];
    if (!d) return;
    e.preventDefault();
    const [r, c] = [(i + d[0] + 10) % 10, (k + d[1] + 10) % 10];
    setSelected([r, c]);
    cells.current[10 * r + c]?.focus();
  };

  if (state.kind !== 'ready' || !counts) {
    return (
      <div class="widget confusion" data-testid="confusion-matrix" data-state={state.kind}>
        {state.kind === 'loading' && <ProgressBar fraction={state.progress} label="Reading the 10,000 validation images…" />}
        {state.kind === 'error' && <p class="confusion-empty" role="alert">{state.message}</p>}
      </div>
    );
  }

  const { data } = state;
  const total = data.labels.length;
  const correct = DIGITS.reduce((s, i) => s + counts[i][i], 0);
  const [row, col] = selected;
  return (
    <div class="widget confusion" data-testid="confusion-matrix" data-state="ready">
      <p class="confusion-model">
        Network: <span data-testid="confusion-network" data-source={data.network.source}>{data.network.name}</span>.{data.network.note && ` ${data.network.note}`}{' '}
        Validation accuracy <strong data-testid="confusion-accuracy">{((100 * correct) / total).toFixed(2)}%</strong> ({correct.toLocaleString('en-US')} of {total.toLocaleString('en-US')} on the diagonal).
      </p>
      <p class="confusion-axes" aria-hidden="true">rows: true digit · columns: predicted digit</p>
      <div class="confusion-scroll">
        <table class="confusion-grid" aria-label="Confusion matrix: rows are true digits, columns are predicted digits">
          <thead>
            <tr>
              <th scope="col" class="confusion-corner"><span class="confusion-sr">true digit</span></th>
              {DIGITS.map((k) => <th scope="col" key={k}>{k}</th>)}
            </tr>
          </thead>
          <tbody>
            {DIGITS.map((i) => {
              const rowTotal = counts[i].reduce((a, b) => a + b, 0);
              return (
                <tr key={i}>
                  <th scope="row">{i}</th>
                  {DIGITS.map((k) => {
                    const n = counts[i][k];
                    const share = rowTotal ? n / rowTotal : 0;
                    const isSelected = i === row && k === col;
                    return (
                      <td key={k}>
                        <button
                          type="button"
                          ref={(el) => { cells.current[10 * i + k] = el; }}
                          class={`confusion-cell ${i === k ? 'confusion-diag' : 'confusion-off'}`}
                          style={{ '--share': i === k ? share : Math.min(1, share * 8) } as Record<string, number>}
                          aria-pressed={isSelected}
                          tabIndex={isSelected ? 0 : -1}
                          aria-label={`true ${i}, predicted ${k}: ${n}`}
                          data-testid={`confusion-${i}-${k}`}
                          data-count={n}
                          onClick={() => setSelected([i, k])}
                          onKeyDown={(e) => move(e, i, k)}
                        >{n}</button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="confusion-hint">Arrow keys move between cells. Off-diagonal shading is exaggerated eight times so small mistakes show.</p>
      <div aria-live="polite">
        <CellImages data={data} row={row} col={col} />
      </div>
    </div>
  );
}
