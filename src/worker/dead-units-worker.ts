// Chapter 6's DeadRelu widget: trains two small networks on MNIST at the same
// (high) learning rate, one with ReLU and one with leaky ReLU, and after every
// epoch counts the hidden units that are dead on a probe batch (engine's deadUnits).
// Training runs here, never on the page's main thread. No maths of its own.
import { DivergenceError, MLP, deadUnits, train, type Dataset } from '../engine/index.ts';
import { loadMnist } from '../data/mnist-browser.ts';

export type DeadAct = 'relu' | 'leakyRelu';

export interface DeadRunConfig {
  learningRate: number;
  /** Leaky ReLU's slope for z ≤ 0. */
  alpha: number;
  epochs: number;
  hidden: number;
  trainSize: number;
  probeSize: number;
  seed: number;
}

export type ToDeadWorker = { type: 'start'; run: number; config: DeadRunConfig } | { type: 'stop' };

export type FromDeadWorker =
  | { type: 'loading'; run: number; fraction: number }
  | { type: 'epoch'; run: number; act: DeadAct; epoch: number; dead: number; valAccuracy: number | null }
  | { type: 'diverged'; run: number; act: DeadAct; message: string }
  | { type: 'done'; run: number }
  | { type: 'error'; run: number; message: string };

const post = (message: FromDeadWorker) => self.postMessage(message);
let controller: AbortController | null = null;

async function runOne(act: DeadAct, config: DeadRunConfig, data: { train: Dataset; val: Dataset }, run: number, signal: AbortSignal): Promise<void> {
  const net = MLP.create({ sizes: [784, config.hidden, 10], activation: act, alpha: config.alpha, init: 'he', seed: config.seed });
  const probe = data.val.X;
  post({ type: 'epoch', run, act, epoch: 0, dead: deadUnits(net, probe)[0], valAccuracy: null });
  try {
    await train(net, data, { epochs: config.epochs, learningRate: config.learningRate, batchSize: 32, seed: config.seed + 1, signal }, (p) => {
      if (p.kind !== 'epoch') return;
      post({ type: 'epoch', run, act, epoch: p.epoch, dead: deadUnits(net, probe)[0], valAccuracy: p.record.valAccuracy ?? null });
    });
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    post({ type: 'diverged', run, act, message: e.message });
  }
}

async function start(run: number, config: DeadRunConfig): Promise<void> {
  controller?.abort();
  const own = new AbortController();
  controller = own;
  try {
    const mnist = await loadMnist({ onProgress: (p) => post({ type: 'loading', run, fraction: p.fraction }) });
    const data = {
      train: mnist.train.dataset(0, config.trainSize),
      val: mnist.train.dataset(config.trainSize, config.probeSize),
    };
    // Both runs share the thread; train() yields regularly, so they advance side by side.
    await Promise.all((['relu', 'leakyRelu'] as const).map((act) => runOne(act, config, data, run, own.signal)));
    if (!own.signal.aborted) post({ type: 'done', run });
  } catch (e) {
    post({ type: 'error', run, message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (event: MessageEvent<ToDeadWorker>) => {
  const message = event.data;
  if (message.type === 'start') void start(message.run, message.config);
  else controller?.abort();
};
