// The training worker passes the training features of Part II (optimiser, weight decay, dropout) on to
// train(): a session run with them is the engine's own run with them.
import { describe, expect, it } from 'vitest';
import { MLP, augmentDataset, evaluate, train } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { TrainingSession, type SessionData } from '../../src/worker/session.ts';
import type { FromWorker, RunConfig } from '../../src/worker/protocol.ts';

const data: SessionData = {
  train: { count: 1500, dataset: (start, n) => mnistSubset('train', start, n) },
  test: { count: 500, dataset: (start, n) => mnistSubset('test', start, n) },
};
const base: RunConfig = { hidden: [16], activation: 'relu', init: 'he', learningRate: 0.05, batchSize: 50, epochs: 2, patience: 0, trainSize: 1000, seed: 3 };

async function session(config: RunConfig) {
  const messages: FromWorker[] = [];
  await new TrainingSession(data, (m) => messages.push(m)).start(config);
  const done = messages.find((m): m is Extract<FromWorker, { type: 'done' }> => m.type === 'done')!;
  return done.summary;
}

describe('TrainingSession with Part II options', () => {
  const options = { optimizer: { name: 'momentum', beta: 0.9 }, weightDecay: 1e-3, dropout: 0.8 } as const;

  it('trains exactly as train() does with the same options', async () => {
    const summary = await session({ ...base, ...options });
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 3 });
    const val = mnistSubset('train', 1500 - summary.valSize, summary.valSize);
    const direct = await train(net, { train: mnistSubset('train', 0, 1000), val }, { epochs: 2, learningRate: 0.05, batchSize: 50, seed: 3, ...options });
    expect(summary.history.map((h) => h.valLoss)).toEqual(direct.history.map((h) => h.valLoss));
    expect(summary.model.W[0].data).toEqual(Array.from(net.W[0].data));
  });

  it('augments the training images only, afresh and seeded, and measures the finished network on the originals', async () => {
    const augment = { copies: 2, maxShift: 1, maxDegrees: 8 };
    const summary = await session({ ...base, augment });
    const few = mnistSubset('train', 0, 1000);
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 3 });
    const val = mnistSubset('train', 1500 - summary.valSize, summary.valSize);
    const direct = await train(net, { train: augmentDataset(few, { ...augment, seed: 3 }), val }, { epochs: 2, learningRate: 0.05, batchSize: 50, seed: 3 });
    expect(summary.history.map((h) => h.valLoss)).toEqual(direct.history.map((h) => h.valLoss));
    expect(summary.train).toEqual(evaluate(net, few));
  });

  it('each option changes the run', async () => {
    const plain = (await session(base)).history[1].valLoss;
    for (const [name, value] of Object.entries(options)) {
      expect((await session({ ...base, [name]: value })).history[1].valLoss, name).not.toBe(plain);
    }
  });
});
