// Chapter 11: choosing on validation. Six short runs (three learning rates × two hidden widths,
// src/worker/search.ts) trained one after another in a worker, laid out as a table of validation
// accuracy and loss; the cell with the best validation accuracy is chosen, and only then can the
// reader ask for the one final test, which the worker runs on the chosen network alone.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { WorkerHandle } from '../../src/worker/handle';
import { CELLS, SEARCH, type CellResult } from '../../src/worker/search';
import type { FromSearchWorker, ToSearchWorker } from '../../src/worker/search-worker';
import ProgressBar from '../ui/ProgressBar';
import SteadyHeight from '../ui/SteadyHeight';
import './ValidationSearch.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'loading'; fraction: number }
  | { kind: 'running'; cell: number; seen: number }
  | { kind: 'chosen'; cell: number }
  | { kind: 'stopped' }
  | { kind: 'error'; message: string };

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const num = (v: number) => v.toLocaleString('en-US');
const cellName = (i: number) => `h = ${CELLS[i].width}, η = ${CELLS[i].learningRate}`;
const PER_CELL = SEARCH.epochs * SEARCH.trainSize;

function statusText(phase: Phase, results: (CellResult | undefined)[]): string {
  switch (phase.kind) {
    case 'idle': return `Press “Run the search” to train six networks, ${SEARCH.epochs} epochs each on ${num(SEARCH.trainSize)} images.`;
    case 'loading': return `Loading MNIST… ${Math.round(100 * phase.fraction)}%`;
    case 'running': return `Training ${cellName(phase.cell)} (network ${phase.cell + 1} of ${CELLS.length})…`;
    case 'stopped': return 'Stopped. Nothing was chosen; run the search again to finish it.';
    case 'error': return `The search failed: ${phase.message}`;
    case 'chosen': {
      const r = results[phase.cell];
      if (phase.cell < 0 || r?.kind !== 'done') return 'Every network diverged: nothing to choose.';
      return `Chosen on validation accuracy: ${cellName(phase.cell)}, ${pct(r.valAccuracy)} on the ${num(SEARCH.valSize)} validation images.`;
    }
  }
}

/** Every status at its longest, so the box below the table keeps one height (SteadyHeight). */
const WIDEST_DONE: CellResult = { kind: 'done', valLoss: 0, valAccuracy: 0.888, step: { name: '', threads: 1 } };
const RESERVED = [
  { kind: 'idle' }, { kind: 'loading', fraction: 1 }, { kind: 'running', cell: CELLS.length - 1, seen: 0 },
  { kind: 'stopped' }, { kind: 'chosen', cell: CELLS.length - 1 },
].map((phase) => statusText(phase as Phase, CELLS.map(() => WIDEST_DONE)));

export default function ValidationSearch() {
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [results, setResults] = useState<(CellResult | undefined)[]>([]);
  const [test, setTest] = useState<{ cell: number; accuracy: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const handle = useRef<WorkerHandle<ToSearchWorker, FromSearchWorker> | null>(null);

  const onMessage = (m: FromSearchWorker) => {
    if (m.type === 'loading') setPhase({ kind: 'loading', fraction: m.fraction });
    else if (m.type === 'cell-start') setPhase({ kind: 'running', cell: m.cell, seen: 0 });
    else if (m.type === 'progress') setPhase({ kind: 'running', cell: m.cell, seen: m.seen });
    else if (m.type === 'cell-done') {
      setResults((old) => Object.assign([...old], { [m.cell]: m.result }));
      const r = m.result;
      setAnnouncement(`${cellName(m.cell)}: ${r.kind === 'done' ? `validation accuracy ${pct(r.valAccuracy)}, loss ${r.valLoss.toFixed(3)}` : 'diverged'}.`);
    } else if (m.type === 'chosen') {
      setPhase({ kind: 'chosen', cell: m.cell });
      setAnnouncement(m.cell < 0 ? 'Every network diverged.' : `Search finished. Chosen: ${cellName(m.cell)}. The final test is now available.`);
    } else if (m.type === 'test') {
      setTest({ cell: m.cell, accuracy: m.accuracy });
      setAnnouncement(`Final test of ${cellName(m.cell)}: ${pct(m.accuracy)} on the 10,000 test images.`);
    } else setPhase({ kind: 'error', message: m.message });
  };
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    handle.current = new WorkerHandle<ToSearchWorker, FromSearchWorker>(
      () => new Worker(new URL('../../src/worker/search-worker.ts', import.meta.url), { type: 'module', name: 'search' }),
      'The search worker',
      { message: (m) => handler.current(m), crash: (sentence) => setPhase({ kind: 'error', message: `${sentence}.` }) },
    );
    return () => handle.current?.stop();
  }, []);

  const start = () => {
    setResults([]);
    setTest(null);
    setPhase({ kind: 'loading', fraction: 0 });
    setAnnouncement('Search started.');
    handle.current?.begin((run) => ({ type: 'start', run }));
  };
  const stop = () => {
    handle.current?.stop(); // ends the worker at once; the next search starts a fresh one
    setPhase({ kind: 'stopped' });
    setAnnouncement('Search stopped.');
  };
  const finalTest = () => {
    const run = handle.current?.run ?? 0;
    handle.current?.send({ type: 'final-test', run });
  };

  const busy = phase.kind === 'loading' || phase.kind === 'running';
  const chosen = phase.kind === 'chosen' ? phase.cell : -1;
  const done = results.filter(Boolean).length;
  const fraction = phase.kind === 'running' ? (phase.cell * PER_CELL + phase.seen) / (CELLS.length * PER_CELL) : phase.kind === 'chosen' ? 1 : done / CELLS.length;
  const steps = [...new Set(results.flatMap((r) => (r?.kind === 'done' ? [r.step.reason ? `${r.step.name} (${r.step.reason})` : r.step.name] : [])))];

  return (
    <div class="vsearch widget" data-testid="validation-search">
      <div class="vsearch-buttons">
        <button type="button" onClick={start} disabled={busy} data-testid="search-start">Run the search</button>
        <button type="button" onClick={stop} disabled={!busy} data-testid="search-stop">Stop</button>
        <button type="button" onClick={finalTest} disabled={chosen < 0 || test !== null} data-testid="search-final-test">Run the final test</button>
      </div>
      <ProgressBar testid="search-progress" label={`Networks trained: ${done} of ${CELLS.length}`} fraction={fraction} />
      {/* Above the table rather than its caption: a caption's lines follow the table's width, which
          changes as the cells fill, and the widget must keep one height. */}
      <p class="vsearch-caption" id={`${id}-about`}>
        Validation accuracy (and loss) on {num(SEARCH.valSize)} held-out images after {SEARCH.epochs} epochs on {num(SEARCH.trainSize)} images,
        784 → h → 10 ReLU, batches of {SEARCH.batchSize}
      </p>
      <div class="vsearch-wrap" tabIndex={0} role="region" aria-label="Validation results of the search">
        <table class="vsearch-table" data-testid="search-table" aria-labelledby={`${id}-about`}>
          <thead>
            <tr><th scope="col">width</th>{SEARCH.learningRates.map((eta) => <th scope="col">η = {eta}</th>)}</tr>
          </thead>
          <tbody>
            {SEARCH.widths.map((width) => (
              <tr>
                <th scope="row">h = {width}</th>
                {SEARCH.learningRates.map((eta) => {
                  const i = CELLS.findIndex((c) => c.width === width && c.learningRate === eta);
                  const r = results[i];
                  const running = phase.kind === 'running' && phase.cell === i;
                  return (
                    <td class={i === chosen ? 'vsearch-chosen' : undefined} data-testid={`search-cell-${i}`} data-chosen={i === chosen ? 'true' : undefined}>
                      {r?.kind === 'done' && (
                        <>
                          <span class="vsearch-acc" data-testid="search-val-accuracy" data-value={r.valAccuracy}>{pct(r.valAccuracy)}</span>
                          <span class="vsearch-loss" data-testid="search-val-loss" data-value={r.valLoss}>loss {r.valLoss.toFixed(3)}</span>
                          {i === chosen && <span class="vsearch-mark" data-testid="search-chosen">chosen</span>}
                        </>
                      )}
                      {r?.kind === 'diverged' && <span class="vsearch-loss" title={r.message}>diverged</span>}
                      {!r && <span class="vsearch-loss">{running ? 'training…' : '–'}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SteadyHeight reserve={[...RESERVED.map((text) => <p class="vsearch-status">{text}</p>)]}>
        <p class="vsearch-status" data-testid="search-status">{statusText(phase, results)}</p>
      </SteadyHeight>
      <SteadyHeight reserve={[<p class="vsearch-test">Final test of the chosen network (h = 64, η = 0.01): 88.8% on the 10,000 test images, measured once, after the choice.</p>]}>
        <p class="vsearch-test" data-testid="search-test">
          {test
            ? <>Final test of the chosen network ({cellName(test.cell)}): <strong data-testid="search-test-accuracy" data-value={test.accuracy}>{pct(test.accuracy)}</strong> on the 10,000 test images, measured once, after the choice.</>
            : chosen >= 0 ? 'The choice is made: the test images may now be used, once, on the chosen network.' : 'The test images stay unseen until a network is chosen.'}
        </p>
      </SteadyHeight>
      <p class="vsearch-note">{steps.length ? `Computed by the ${steps.join(', ')}.` : '\u00a0'}</p>
      <p class="visually-hidden" aria-live="polite" data-testid="search-announcement">{announcement}</p>
    </div>
  );
}
