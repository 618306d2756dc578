import { describe, expect, it } from 'vitest';
import { DivergenceError, MLP, createRng, evaluate, train } from '../../src/engine/index.ts';
import type { EpochRecord, MLPConfig, Progress } from '../../src/engine/index.ts';
import { imagesToMatrix } from '../../src/data/idx.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';

const config: MLPConfig = { sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 1 };
const trainSet = mnistSubset('train', 0, 10_000);

/**
 * 2,000 test images drawn at random (seeded) from all 10,000. Not the first 2,000:
 * the first half of the test file is noticeably harder than the second, so a
 * prefix would not be a fair sample of the test set.
 */
function testSample() {
  const { pixels, labels, count } = loadMnist().test;
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  createRng(2000).shuffle(order);
  const pick = Array.from(order.subarray(0, 2000));
  return { X: imagesToMatrix(pixels, pick), labels: pick.map((i) => labels[i]) };
}

const withoutTimes = (history: EpochRecord[]) => history.map(({ seconds: _, ...rest }) => rest);

describe('training on real MNIST', () => {
  it('784-32-10 ReLU/He reaches ≥ 90% on 2,000 test images in 2 epochs, identically for the same seed', async () => {
    const options = { epochs: 2, learningRate: 0.1, batchSize: 8, seed: 7 };
    const test = testSample();
    const runs = [];
    for (let r = 0; r < 2; r++) {
      const net = MLP.create(config);
      const result = await train(net, { train: trainSet, val: test }, options);
      runs.push({ net, result });
    }
    const [a, b] = runs;
    expect(evaluate(a.net, test).accuracy).toBeGreaterThanOrEqual(0.9);
    expect(withoutTimes(a.result.history)).toEqual(withoutTimes(b.result.history));
    expect(a.net.W[0].data).toEqual(b.net.W[0].data);
    // and a different shuffling seed gives a different run
    const c = MLP.create(config);
    const other = await train(c, { train: trainSet, val: test }, { ...options, seed: 8, epochs: 1 });
    expect(other.history[0].trainLoss).not.toBe(a.result.history[0].trainLoss);
  });

  it('reports progress per batch and per epoch, and awaits beforeBatch before every minibatch', async () => {
    const small = mnistSubset('train', 0, 100);
    const events: Progress[] = [];
    let before = 0;
    await train(MLP.create(config), { train: small }, {
      epochs: 2, learningRate: 0.1, batchSize: 32, seed: 1, beforeBatch: () => { before++; },
    }, (p) => events.push(p));
    const batches = events.filter((p) => p.kind === 'batch');
    expect(batches.length).toBe(2 * 4); // ⌈100 / 32⌉ = 4 minibatches per epoch
    expect(before).toBe(8);
    expect(batches[3]).toMatchObject({ epoch: 1, batch: 4, batches: 4, seen: 100 });
    expect(events.filter((p) => p.kind === 'epoch').map((p) => p.epoch)).toEqual([1, 2]);
  });
});

describe('early stopping', () => {
  // 100 training images and many epochs: the network memorises them and the
  // validation loss turns upward, so there is a best epoch to go back to.
  const tiny = mnistSubset('train', 0, 100);
  const val = mnistSubset('train', 50_000, 1000);
  const options = { epochs: 60, learningRate: 0.3, batchSize: 10, seed: 3, patience: 3 };

  async function run(restoreBest: boolean) {
    const net = MLP.create(config);
    const snapshots: MLP[] = [];
    const result = await train(net, { train: tiny, val }, { ...options, restoreBest }, (p) => {
      if (p.kind === 'epoch') snapshots.push(net.clone()); // parameters at the end of each epoch
    });
    return { net, snapshots, result };
  }

  it('stops after `patience` epochs without improvement and restores the best epoch', async () => {
    const { net, snapshots, result } = await run(true);
    const losses = result.history.map((h) => h.valLoss!);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(best);
    expect(result.history.length).toBe(best + options.patience);
    expect(losses[losses.length - 1]).toBeGreaterThan(losses[best - 1]); // it really did get worse
    expect(net.W[0].data).toEqual(snapshots[best - 1].W[0].data);
    expect(net.b[1].data).toEqual(snapshots[best - 1].b[1].data);
    expect(evaluate(net, val).loss).toBeCloseTo(losses[best - 1], 5);
  });

  it('with restoreBest: false keeps the last parameters', async () => {
    const { net, snapshots } = await run(false);
    expect(net.W[0].data).toEqual(snapshots[snapshots.length - 1].W[0].data);
  });
});

describe('divergence and stopping', () => {
  it('a learning rate of 100 throws DivergenceError, not a silent NaN', async () => {
    const attempt = train(MLP.create(config), { train: trainSet }, { epochs: 1, learningRate: 100, batchSize: 32, seed: 1 });
    await expect(attempt).rejects.toBeInstanceOf(DivergenceError);
    await expect(attempt).rejects.toThrow(/at epoch 1, batch \d+: the learning rate 100 is too high for this network — lower it/);
  });

  it('a NaN in the parameters is reported with epoch and batch', async () => {
    const net = MLP.create(config);
    net.W[1].data[0] = NaN;
    const error = await train(net, { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 32, seed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error.message).toBe('loss became NaN at epoch 1, batch 1: the learning rate 0.1 is too high for this network — lower it');
    expect([error.epoch, error.batch, error.learningRate]).toEqual([1, 1, 0.1]);
  });

  it('says Infinity when the loss is infinite', () => {
    expect(new DivergenceError(Infinity, 3, 17, 5).message).toBe(
      'loss became Infinity at epoch 3, batch 17: the learning rate 5 is too high for this network — lower it',
    );
  });

  it('an aborted signal stops training and keeps the current parameters', async () => {
    const net = MLP.create(config);
    const controller = new AbortController();
    let steps = 0;
    const result = await train(net, { train: trainSet }, { epochs: 5, learningRate: 0.1, batchSize: 32, seed: 1, signal: controller.signal }, (p) => {
      if (p.kind === 'batch' && ++steps === 5) controller.abort();
    });
    expect(result.aborted).toBe(true);
    expect(steps).toBe(5);
    expect(result.history).toEqual([]);
    expect(net.W[0].data).not.toEqual(MLP.create(config).W[0].data); // the 5 steps were kept
  });

  it('yields to the event loop, so a Stop sent by a timer gets through', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const result = await train(MLP.create(config), { train: trainSet }, {
      epochs: 50, learningRate: 0.1, batchSize: 32, seed: 1, signal: controller.signal, yieldEveryMs: 0,
    });
    expect(result.aborted).toBe(true);
  });

  it('rejects nonsense options with a message', async () => {
    await expect(train(MLP.create(config), { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 0, seed: 1 }))
      .rejects.toThrow(/batchSize must be a whole number ≥ 1, got 0/);
  });
});
