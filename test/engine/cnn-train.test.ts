import { describe, expect, it } from 'vitest';
import { CNN, MLP, chooseStepper, evaluate, referenceStep, train } from '../../src/engine/index.ts';
import type { CNNConfig, Stepper } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

/** A small CNN for 28×28 digits: conv 4@5×5 → 4×24×24, pool 2 → 4×12×12, dense 10. */
const config: CNNConfig = {
  kind: 'cnn',
  input: { channels: 1, height: 28, width: 28 },
  layers: [{ type: 'conv', filters: 4, size: 5 }, { type: 'pool', size: 2 }, { type: 'dense', units: 10 }],
  activation: 'relu',
  init: 'he',
  seed: 1,
};
const trainSet = mnistSubset('train', 0, 400);
const testSet = mnistSubset('test', 5000, 400);

describe('training a CNN through the seam (the reference step)', () => {
  it('on 400 MNIST digits the loss falls far below chance and held-out digits are mostly read right', async () => {
    const net = CNN.create(config);
    const before = evaluate(net, testSet);
    const result = await train(net, { train: trainSet, val: testSet }, { epochs: 3, learningRate: 0.2, batchSize: 16, seed: 2 });
    expect(result.step).toEqual({ name: 'TypeScript step', threads: 1 });
    const losses = result.history.map((r) => r.trainLoss);
    // ln 10 ≈ 2.30 is guessing; each epoch lower than the one before
    expect(losses[0]).toBeLessThan(net.chanceLoss());
    expect(losses[1]).toBeLessThan(losses[0]);
    expect(losses[2]).toBeLessThan(losses[1]);
    expect(losses[2]).toBeLessThan(0.5);
    const after = evaluate(net, testSet);
    expect(before.accuracy).toBeLessThan(0.3);
    expect(after.accuracy).toBeGreaterThan(0.75); // 84% on this seed, from 400 digits seen three times
    expect(result.history[2].valAccuracy).toBeCloseTo(after.accuracy, 10);
  });

  it('with Adam and weight decay on kernels and weights alike, identically for the same seed', async () => {
    const options = { epochs: 1, learningRate: 0.01, batchSize: 16, seed: 3, optimizer: { name: 'adam' as const }, weightDecay: 1e-3 };
    const runs = [];
    for (let r = 0; r < 2; r++) {
      const net = CNN.create(config);
      runs.push({ net, result: await train(net, { train: trainSet }, options) });
    }
    expect(runs[0].result.history[0].trainLoss).toBeLessThan(0.8 * runs[0].net.chanceLoss());
    expect(runs[0].net.W[0].data).toEqual(runs[1].net.W[0].data);
    expect(runs[0].net.W[0].data).not.toEqual(CNN.create(config).W[0].data); // the kernels did move
  });

  it('early stopping puts back the best epoch’s kernels', async () => {
    const net = CNN.create(config);
    const result = await train(net, { train: trainSet, val: testSet }, { epochs: 3, learningRate: 0.1, batchSize: 16, seed: 2, patience: 1 });
    const best = result.history[result.bestEpoch - 1];
    expect(evaluate(net, testSet).loss).toBeCloseTo(best.valLoss!, 5);
  });

  it('refuses dropout for a CNN, saying why', async () => {
    await expect(train(CNN.create(config), { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 16, seed: 1, dropout: 0.8 }))
      .rejects.toThrow(/dropout.*CNN/);
  });

  it('gives a CNN to the reference step when the stepper asked for steps MLPs only, without asking it', () => {
    const mlpOnly: Stepper = {
      name: 'WebAssembly step',
      supports: ['learningRate', 'batchSize'],
      lacks: () => { throw new Error('an MLP-only stepper must not be shown a CNN'); },
      open: () => { throw new Error('nor opened on one'); },
    };
    const cnnPlan = { net: CNN.create(config), data: trainSet, learningRate: 0.1, batchSize: 16 };
    expect(chooseStepper(mlpOnly, cnnPlan, {})).toEqual({ stepper: referenceStep, reason: 'the WebAssembly step has no convolutional networks' });
    // and an MLP still goes to it
    const mlpPlan = { net: MLP.create({ sizes: [784, 8, 10], activation: 'relu', init: 'he', seed: 1 }), data: trainSet, learningRate: 0.1, batchSize: 16 };
    expect(() => chooseStepper(mlpOnly, mlpPlan, {})).toThrow(/must not be shown/);
  });
});
