// The TrainingPanel's record of a run, fed by the worker's messages. Plain data, so the panel can
// copy it into state once per animation frame however fast messages arrive.
import type { EpochRecord } from '../../src/engine';
import type { FromWorker, RunState, RunSummary } from '../../src/worker/protocol';

export interface RunView {
  state: RunState;
  epochs: EpochRecord[];
  /** Smoothed per-batch loss, thinned to at most MAX_POINTS points. */
  smooth: { x: number; loss: number }[];
  position: { epoch: number; batch: number; batches: number; seen: number; examplesPerSecond: number } | null;
  summary: RunSummary | null;
  error: { message: string; suggestion?: string } | null;
}

const MAX_POINTS = 1500;
/** Exponential moving average weight: each new batch loss counts 5%. */
const SMOOTHING = 0.05;

export function emptyRun(): RunView {
  return { state: 'idle', epochs: [], smooth: [], position: null, summary: null, error: null };
}

/** Applies one worker message to the run record; returns a new record (the old one is left untouched). */
export function createRunRecorder() {
  let view = emptyRun();
  let ema = 0, weight = 0, stride = 1, counter = 0;
  return {
    get view() {
      return view;
    },
    reset() {
      view = emptyRun();
      ema = weight = counter = 0;
      stride = 1;
    },
    apply(message: FromWorker) {
      switch (message.type) {
        case 'state':
          view = { ...view, state: message.state };
          break;
        case 'batches': {
          const smooth = [...view.smooth];
          for (const p of message.points) {
            // Bias-corrected moving average (as TensorBoard smooths), so the first points are not pulled to 0.
            ema = (1 - SMOOTHING) * ema + SMOOTHING * p.loss;
            weight = (1 - SMOOTHING) * weight + SMOOTHING;
            if (counter++ % stride === 0) smooth.push({ x: p.x, loss: ema / weight });
          }
          const thinned = smooth.length > MAX_POINTS ? smooth.filter((_, i) => i % 2 === 0) : smooth;
          if (thinned !== smooth) stride *= 2;
          const { points: _points, type: _type, run: _run, ...position } = message;
          view = { ...view, smooth: thinned, position };
          break;
        }
        case 'epoch':
          view = { ...view, epochs: [...view.epochs, message.record] };
          break;
        case 'done':
          view = { ...view, summary: message.summary };
          break;
        case 'error':
          view = { ...view, error: { message: message.message, suggestion: message.suggestion } };
          break;
      }
    },
  };
}

/** The loss chart's data: smoothed batch loss and per-epoch train/validation loss on one x axis. */
export function lossSeries(view: RunView) {
  const xs = new Set(view.smooth.map((p) => p.x));
  for (const r of view.epochs) xs.add(r.epoch);
  const x = [...xs].sort((a, b) => a - b);
  const smooth = new Map(view.smooth.map((p) => [p.x, p.loss]));
  const byEpoch = new Map(view.epochs.map((r) => [r.epoch, r]));
  return {
    x,
    batch: x.map((v) => smooth.get(v) ?? null),
    train: x.map((v) => byEpoch.get(v)?.trainLoss ?? null),
    val: x.map((v) => byEpoch.get(v)?.valLoss ?? null),
  };
}
