// Chapter 14: the same wide network on the same 1,000 training images, once with each cure, trained
// one after another in the training worker (src/worker: the engine's train() off the main thread).
// Each finished run is measured on its 1,000 training images and on the 2,000 validation images,
// and the gap between the two is drawn as a bar: the thing each cure tries to close.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TrainingClient } from '../../src/worker/client';
import type { FromWorker, RunConfig, RunSummary } from '../../src/worker/protocol';
import './CureComparison.css';

const BASE: RunConfig = {
  hidden: [256], activation: 'relu', init: 'he', learningRate: 0.1, batchSize: 32,
  epochs: 40, patience: 0, trainSize: 1000, seed: 1,
};

interface Cure {
  key: string;
  name: string;
  settings: Partial<RunConfig>;
}

// The chapter's settings, cell for cell.
const CURES: Cure[] = [
  { key: 'none', name: 'No cure', settings: {} },
  { key: 'decay', name: 'Weight decay, λ = 0.005', settings: { weightDecay: 5e-3 } },
  { key: 'dropout', name: 'Dropout, keep 0.5', settings: { dropout: 0.5 } },
  { key: 'augment', name: 'Augmentation, 4 copies (8 epochs)', settings: { augment: { copies: 4, maxShift: 2, maxDegrees: 12 }, epochs: 8 } },
  { key: 'early', name: 'Early stopping, patience 5', settings: { patience: 5 } },
];

type Outcome =
  | { kind: 'waiting' }
  | { kind: 'queued' }
  | { kind: 'running'; epoch: number; epochs: number }
  | { kind: 'done'; training: number; validation: number; epochs: number }
  | { kind: 'failed'; message: string };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Validation accuracy of the network the run ended with: the best epoch's when early stopping put it back. */
function validationOf(summary: RunSummary, cure: Cure): number {
  const kept = cure.settings.patience ? summary.bestEpoch : summary.history.length;
  return summary.history[kept - 1].valAccuracy!;
}

export default function CureComparison() {
  const [loaded, setLoaded] = useState<'loading' | 'ready' | string>('loading');
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>(Object.fromEntries(CURES.map((c) => [c.key, { kind: 'waiting' }])));
  const [queue, setQueue] = useState<string[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const client = useRef<TrainingClient | null>(null);

  const set = (key: string, outcome: Outcome) => setOutcomes((o) => ({ ...o, [key]: outcome }));
  const cureOf = (key: string) => CURES.find((c) => c.key === key)!;

  const onMessage = (message: FromWorker) => {
    if (message.type === 'loaded') return setLoaded('ready');
    if (message.type === 'load-error') return setLoaded(message.message);
    if (message.type === 'load-progress' || current === null || message.run === undefined) return; // only the current run's messages get here (TrainingClient)
    const cure = cureOf(current);
    const epochs = cure.settings.epochs ?? BASE.epochs;
    if (message.type === 'epoch') set(current, { kind: 'running', epoch: message.record.epoch, epochs });
    if (message.type === 'done') {
      if (message.summary.aborted || !message.summary.train) {
        set(current, { kind: 'waiting' });
      } else {
        const training = message.summary.train.accuracy, validation = validationOf(message.summary, cure);
        set(current, { kind: 'done', training, validation, epochs: message.summary.history.length });
        setAnnouncement(`${cure.name}: training ${pct(training)}, validation ${pct(validation)}, gap ${(100 * (training - validation)).toFixed(1)} points.`);
      }
      setCurrent(null);
    }
    if (message.type === 'error') {
      set(current, { kind: 'failed', message: message.message });
      setCurrent(null);
    }
  };
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    client.current = new TrainingClient((m) => handler.current(m));
    client.current.send({ type: 'load', full: false });
    return () => client.current?.terminate();
  }, []);

  // One run at a time: when the worker is free, start the next cure in the queue.
  useEffect(() => {
    if (loaded !== 'ready' || current !== null || queue.length === 0) return;
    const [next, ...rest] = queue;
    const cure = cureOf(next);
    setQueue(rest);
    setCurrent(next);
    set(next, { kind: 'running', epoch: 0, epochs: cure.settings.epochs ?? BASE.epochs });
    setAnnouncement(`Training: ${cure.name}.`);
    client.current?.start({ ...BASE, ...cure.settings }, false);
  }, [loaded, current, queue]);

  const enqueue = (keys: string[]) => {
    const fresh = keys.filter((k) => k !== current && !queue.includes(k));
    fresh.forEach((k) => set(k, { kind: 'queued' }));
    setQueue((q) => [...q, ...fresh]);
  };

  const stop = () => {
    queue.forEach((k) => set(k, { kind: 'waiting' }));
    setQueue([]);
    client.current?.send({ type: 'stop' });
    setAnnouncement('Stopped.');
  };

  const busy = current !== null || queue.length > 0;
  return (
    <div class="cures widget" data-testid="cures">
      <div class="cures-buttons">
        <button type="button" onClick={() => enqueue(CURES.map((c) => c.key))} disabled={loaded !== 'ready'} data-testid="cures-all">Train all five</button>
        <button type="button" onClick={stop} disabled={!busy} data-testid="cures-stop">Stop</button>
        <span class="cures-data" data-testid="cures-data">
          {loaded === 'loading' ? 'Loading MNIST…' : loaded === 'ready' ? '1,000 training images, 2,000 validation images' : `Could not load MNIST: ${loaded}`}
        </span>
      </div>
      <table class="cures-table">
        <caption>784–256–10 ReLU network, η = 0.1, batches of 32, 40 epochs unless stated</caption>
        <thead>
          <tr><th scope="col">cure</th><th scope="col">training</th><th scope="col">validation</th><th scope="col">gap</th></tr>
        </thead>
        <tbody>
          {CURES.map((cure) => {
            const o = outcomes[cure.key];
            const gap = o.kind === 'done' ? o.training - o.validation : null;
            return (
              <tr data-testid={`cure-${cure.key}`}>
                <th scope="row">
                  <span class="cures-name">{cure.name}</span>
                  <button type="button" class="cures-one" onClick={() => enqueue([cure.key])}
                    disabled={loaded !== 'ready' || o.kind === 'queued' || o.kind === 'running'}
                    aria-label={`Train: ${cure.name}`}>Train</button>
                </th>
                <td data-testid={`cure-${cure.key}-training`}>{o.kind === 'done' ? pct(o.training) : '–'}</td>
                <td data-testid={`cure-${cure.key}-validation`}>{o.kind === 'done' ? pct(o.validation) : '–'}</td>
                <td><div class="cures-gap">
                  {o.kind === 'done' && gap !== null && (
                    <>
                      <span data-testid={`cure-${cure.key}-gap`}>{(100 * gap).toFixed(1)}</span>
                      <span class="cures-bar" style={{ width: `${Math.max(0, Math.min(100, gap * 500))}%` }} aria-hidden="true" />
                    </>
                  )}
                  {o.kind === 'running' && <span>epoch {o.epoch} of {o.epochs}</span>}
                  {o.kind === 'queued' && <span>queued</span>}
                  {o.kind === 'failed' && <span role="alert">{o.message}</span>}
                </div></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="cures-note">The gap is in percentage points; its bar is full at 20 points.</p>
      <p class="cures-live" aria-live="polite" data-testid="cures-live">{announcement}</p>
    </div>
  );
}
