// The WebAssembly step through the engine's seam (train's `stepper` option): the same parameters
// as the engine's TypeScript step, the reference step (and the reason) wherever it cannot do the
// run, a dataset known by identity, and memory bounded by the stepper.
import { describe, expect, it } from 'vitest';
import { MLP, evaluate, referenceStep, train, type MLPConfig, type Stepper, type TrainData, type TrainOptions } from '../../src/engine/index.ts';
import { nodeWasmStepper } from '../../src/accel/node.ts';
import type { WasmBuild } from '../../src/accel/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { relativeDifference } from '../engine/relative-difference.ts';

const fast = async (build?: WasmBuild) => (await nodeWasmStepper({ build }))!;

/** The same network, data and options trained once with the reference step and once with `stepper`. */
async function trainBoth(create: () => MLP, data: TrainData, options: TrainOptions, stepper?: Stepper) {
  const slow = create();
  const slowResult = await train(slow, data, options);
  const quick = create();
  const quickResult = await train(quick, data, { ...options, stepper: stepper ?? (await fast()) });
  return { slow, slowResult, fast: quick, fastResult: quickResult };
}

describe('the WebAssembly step', () => {
  it('loads in Node', async () => {
    expect(await nodeWasmStepper()).not.toBeNull();
  });

  it('reaches the test accuracy of the TypeScript step (within 0.5 points), and the result names it', async () => {
    const create = () => MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 3 });
    const data = { train: mnistSubset('train', 0, 3000) };
    const { slow, slowResult, fast: quick, fastResult } = await trainBoth(create, data, { epochs: 2, learningRate: 0.1, batchSize: 32, seed: 3 });
    const test = mnistSubset('test', 0, 2000);
    expect(slowResult.step).toEqual({ name: 'TypeScript step', threads: 1 });
    expect(fastResult.step).toEqual({ name: 'WebAssembly step', threads: 1 });
    expect(evaluate(slow, test).accuracy).toBeGreaterThan(0.8); // it really learned
    expect(Math.abs(evaluate(quick, test).accuracy - evaluate(slow, test).accuracy)).toBeLessThan(0.005);
  });

  // each build: plain SIMD, and with the fused multiply-add (relaxed SIMD)
  for (const build of ['simd', 'simd-fma'] as const) {
    it(`ends with the parameters of the engine's own steps, for odd sizes (${build} build)`, async () => {
      // h = 53 is not a multiple of 4 (padded to 56 inside: blocks of 32, 16 and 4 units), 300 images in
      // batches of 37 leave a short last batch.
      const data = { train: mnistSubset('train', 0, 300) };
      const options = { epochs: 2, learningRate: 0.1, batchSize: 37, seed: 7 };
      const create = () => MLP.create({ sizes: [784, 53, 10], activation: 'relu', init: 'he', seed: 7 });
      const { slow, slowResult, fast: quick, fastResult } = await trainBoth(create, data, options, await fast(build));
      for (let l = 0; l < 2; l++) {
        expect(relativeDifference(quick.W[l].data, slow.W[l].data), `W${l + 1}`).toBeLessThan(1e-4);
        expect(relativeDifference(quick.b[l].data, slow.b[l].data), `b${l + 1}`).toBeLessThan(1e-4);
      }
      expect(fastResult.history[1].trainLoss).toBeCloseTo(slowResult.history[1].trainLoss, 5);
      expect(fastResult.history[1].trainAccuracy).toBe(slowResult.history[1].trainAccuracy);
    });

    it(`matches the engine when the logits lie hundreds apart (most exponentials of the softmax underflow to 0) (${build} build)`, async () => {
      // W2 times 200: most exponents z − max lie far below −87, where e^x underflows float32
      const data = { train: mnistSubset('train', 0, 120) };
      const options = { epochs: 1, learningRate: 0.01, batchSize: 120, seed: 5 }; // one step: later ones would diverge
      const create = () => {
        const net = MLP.create({ sizes: [784, 24, 10], activation: 'relu', init: 'he', seed: 5 });
        net.W[1].data.forEach((w, i, W2) => (W2[i] = w * 200));
        return net;
      };
      const { slow, slowResult, fast: quick, fastResult } = await trainBoth(create, data, options, await fast(build));
      expect(slowResult.history[0].trainLoss).toBeGreaterThan(20); // the logits really are far apart
      expect(fastResult.history[0].trainLoss).toBeCloseTo(slowResult.history[0].trainLoss, 3);
      for (let l = 0; l < 2; l++) expect(relativeDifference(quick.W[l].data, slow.W[l].data), `W${l + 1}`).toBeLessThan(1e-4);
    });
  }

  it('evaluate() gives the engine\'s own loss and accuracy through its forward pass, for odd sizes', async () => {
    // h = 53, 1,037 images (not a multiple of the chunk), after some training so that the answers are not all alike
    const net = MLP.create({ sizes: [784, 53, 10], activation: 'relu', init: 'he', seed: 9 });
    await train(net, { train: mnistSubset('train', 0, 500) }, { epochs: 1, learningRate: 0.1, batchSize: 50, seed: 9 });
    const data = mnistSubset('test', 0, 1037);
    const before = net.toJSON();
    const slow = evaluate(net, data);
    const quick = evaluate(net, data, await fast(), 300);
    expect(slow.accuracy).toBeGreaterThan(0.5);
    expect(quick.loss).toBeCloseTo(slow.loss, 5);
    expect(quick.accuracy).toBe(slow.accuracy);
    expect(net.toJSON()).toEqual(before); // the network itself is left as it was
  });

  it('stops with the same DivergenceError when the learning rate is far too high', async () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'randn', seed: 1 });
    const options = { epochs: 3, learningRate: 50, batchSize: 50, seed: 1, stepper: await fast() };
    await expect(train(net, { train: mnistSubset('train', 0, 500) }, options)).rejects.toThrow(/learning rate 50 is too high/);
  });
});

describe('a run the WebAssembly step cannot do', () => {
  const data = { train: mnistSubset('train', 0, 200) };
  const options = { epochs: 2, learningRate: 0.1, batchSize: 25, seed: 4 };
  const cases: [string, Partial<MLPConfig>, RegExp][] = [
    ['sigmoid hidden units', { activation: 'sigmoid' }, /has ReLU hidden units only, not sigmoid/],
    ['two hidden layers', { sizes: [784, 16, 12, 10] }, /has one hidden layer, not 2/],
    ['a sigmoid output', { output: 'sigmoid' }, /has a softmax output only/],
  ];
  for (const [what, change, reason] of cases) {
    it(`runs on the TypeScript step, says why, and gives its bit-identical result (${what})`, async () => {
      const create = () => MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 4, ...change });
      const { slow, slowResult, fast: quick, fastResult } = await trainBoth(create, data, options);
      expect(fastResult.step.name).toBe('TypeScript step');
      expect(fastResult.step.reason).toMatch(reason);
      expect(fastResult.history).toEqual(slowResult.history.map((record, i) => ({ ...record, seconds: fastResult.history[i].seconds })));
      quick.parameters().forEach((P, i) => expect(P.data).toEqual(slow.parameters()[i].data));
    });
  }

  it('falls back for a step option it does not list in `supports`', async () => {
    const partial: Stepper = { ...(await fast()), supports: ['batchSize'] };
    const create = () => MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 4 });
    const { slow, fast: quick, fastResult } = await trainBoth(create, data, options, partial);
    expect(fastResult.step).toEqual({ name: 'TypeScript step', threads: 1, reason: 'the WebAssembly step has no learningRate' });
    expect(quick.W[0].data).toEqual(slow.W[0].data);
  });

  it('leaves the reference step itself alone: no reason when it was asked for', async () => {
    const net = MLP.create({ sizes: [784, 8, 10], activation: 'sigmoid', init: 'xavier', seed: 4 });
    const { step } = await train(net, data, { ...options, stepper: referenceStep });
    expect(step).toEqual({ name: 'TypeScript step', threads: 1 });
  });
});

describe('the WebAssembly step\'s copies of the data', () => {
  const options = { epochs: 1, learningRate: 0.1, batchSize: 50, seed: 2 };
  const create = () => MLP.create({ sizes: [784, 8, 10], activation: 'relu', init: 'he', seed: 2 });

  it('knows a dataset by identity: a new Matrix with other pixels trains on those pixels', async () => {
    const stepper = await fast();
    const first = mnistSubset('train', 0, 200);
    await train(create(), { train: first }, { ...options, stepper }); // keeps the non-zero lists of this X
    const halved = { X: first.X.clone(), labels: first.labels };
    halved.X.data.forEach((v, p, data) => (data[p] = v * 0.5));
    const quick = create(), slow = create();
    await train(quick, { train: halved }, { ...options, stepper });
    await train(slow, { train: halved }, options);
    expect(relativeDifference(quick.W[0].data, slow.W[0].data)).toBeLessThan(1e-4);
  });

  it('holds at most three datasets (training, validation, test), and none after release()', async () => {
    const stepper = await fast();
    for (let start = 0; start < 1000; start += 200) {
      await train(create(), { train: mnistSubset('train', start, 200) }, { ...options, stepper });
    }
    expect(stepper.held()).toBe(3);
    stepper.release();
    expect(stepper.held()).toBe(0);
  });

  it('one copy serves networks of every size and batch size on the same X, each computed right', async () => {
    const stepper = await fast();
    const data = { train: mnistSubset('train', 0, 300) };
    for (const [h, batchSize] of [[8, 50], [40, 37], [8, 100]]) {
      const make = () => MLP.create({ sizes: [784, h, 10], activation: 'relu', init: 'he', seed: h });
      const quick = make(), slow = make();
      await train(quick, data, { ...options, batchSize, stepper });
      await train(slow, data, { ...options, batchSize });
      expect(relativeDifference(quick.W[1].data, slow.W[1].data), `h = ${h}, batches of ${batchSize}`).toBeLessThan(1e-4);
    }
    expect(stepper.held()).toBe(1);
  });

  it('lets a second run on a dataset in use fall back rather than overwrite the first run\'s parameters', async () => {
    const stepper = await fast();
    const data = mnistSubset('train', 0, 200);
    // validation on the training set itself: the validation pass meets the training run's copy in use
    const quick = create(), slow = create();
    const result = await train(quick, { train: data, val: data }, { ...options, epochs: 2, stepper });
    await train(slow, { train: data, val: data }, { ...options, epochs: 2 });
    expect(result.step.name).toBe('WebAssembly step');
    expect(result.history[1].valLoss).toBeCloseTo(evaluate(quick, data).loss, 6); // validated on the finished epoch's parameters
    expect(relativeDifference(quick.W[0].data, slow.W[0].data)).toBeLessThan(1e-4);
    expect(stepper.lacks({ net: quick, data, learningRate: 0.1, batchSize: 50 })).toBeNull(); // free again after the run
  });
});
