// The WebAssembly step for convolutional networks against the engine's readable CNN: the same
// forward pass (loss and correct answers), the same gradients (seen through one plain SGD step),
// the same parameters after several Adam steps, the same run twice from the same seed, and a
// reason wherever it cannot compute a plan.
import { describe, expect, it } from 'vitest';
import { CNN, MLP, Matrix, columns, createOptimizer, evaluate, oneHot, train, type CNNConfig, type Network, type OptimizerOptions, type StepPlan, type StepRun } from '../../src/engine/index.ts';
import { nodeCnnStepper } from '../../src/accel/node.ts';
import type { WasmBuild } from '../../src/accel/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { CHAPTER_CNN } from '../../src/models/chapter-cnn.ts';
import { relativeDifference } from '../engine/relative-difference.ts';

const fast = async (build?: WasmBuild) => (await nodeCnnStepper(build))!;

/** Every general path: padding, a stride of 2, conv → conv with no pool between, two hidden dense layers, odd sizes. */
const ODD: CNNConfig = {
  kind: 'cnn',
  input: { channels: 1, height: 28, width: 28 },
  layers: [
    { type: 'conv', filters: 5, size: 3, pad: 1 },
    { type: 'pool', size: 2 },
    { type: 'conv', filters: 6, size: 3, stride: 2 },
    { type: 'conv', filters: 7, size: 2 },
    { type: 'dense', units: 13 },
    { type: 'dense', units: 9 },
    { type: 'dense', units: 10 },
  ],
  activation: 'relu',
  init: 'he',
  seed: 5,
};

const data = mnistSubset('train', 0, 120);
const order = Uint32Array.from({ length: 120 }, (_, i) => (i * 37) % 120); // a fixed shuffle

/** The engine's own step, written out: forwardWithCache → backward → the optimiser. */
function referenceRun(net: CNN, optimizer: OptimizerOptions, learningRate: number) {
  const update = createOptimizer(optimizer);
  return (start: number, count: number) => {
    const idx = Array.from(order.subarray(start, start + count));
    const Y = oneHot(idx.map((e) => data.labels[e]), 10);
    const cache = net.forwardWithCache(columns(data.X, idx));
    const loss = net.lossFromLogits(cache.Z[cache.Z.length - 1], Y);
    const { dW, db } = net.backward(cache, Y);
    update.step(net.parameters(), dW.flatMap((d, s) => [d, db[s]]), learningRate);
    return loss;
  };
}

async function openFast(net: CNN, options: Partial<StepPlan<Network>> = {}, build?: WasmBuild): Promise<StepRun> {
  const run = (await fast(build)).open({ net, data, learningRate: 0.01, batchSize: 32, ...options });
  run.arrange(order);
  return run;
}

describe('the WebAssembly CNN step', () => {
  for (const [name, config] of [['the chapter network', CHAPTER_CNN], ['padding, stride 2, conv after conv, two hidden dense layers', ODD]] as const) {
    it(`computes the engine's forward pass: loss and correct answers (${name})`, async () => {
      const net = CNN.create(config);
      const run = await openFast(net, { batchSize: 50 });
      const { loss, correct } = run.measure(0, 120); // in pieces of 50: 50, 50, 20
      const AL = net.forward(data.X);
      const guesses = Array.from({ length: 120 }, (_, j) => {
        let best = 0;
        for (let c = 1; c < 10; c++) if (AL.get(c, j) > AL.get(best, j)) best = c;
        return best;
      });
      const Y = oneHot(Array.from(data.labels), 10);
      expect(loss).toBeCloseTo(net.lossFromLogits(net.forwardWithCache(data.X).Z.at(-1)!, Y), 5);
      expect(correct).toBe(guesses.filter((g, j) => g === data.labels[j]).length);
    });

    for (const build of ['simd', 'simd-fma'] as const) {
      it(`computes the engine's gradients: one SGD step moves every parameter as P − η·dP does (${name}, ${build})`, async () => {
        const slow = CNN.create(config), quick = CNN.create(config);
        const before = slow.parameters().map((P) => P.clone());
        referenceRun(slow, { name: 'sgd' }, 0.5)(0, 32);
        const run = await openFast(quick, { learningRate: 0.5, optimizer: { name: 'sgd' } }, build);
        run.step(0, 32);
        run.readBack();
        // compare the changes (η·dP), not the parameters, so a wrong gradient cannot hide in a large weight
        const change = (net: CNN) => net.parameters().map((P, i) => new Matrix(P.rows, P.cols, P.data.map((v, k) => v - before[i].data[k])));
        const fastChange = change(quick), slowChange = change(slow);
        slowChange.forEach((d, i) => {
          expect(Math.max(...d.data.map(Math.abs)), `parameter ${i} moved`).toBeGreaterThan(0);
          expect(relativeDifference(fastChange[i].data, d.data), quick.parameterNames()[i]).toBeLessThan(1e-4);
        });
      });
    }

    it(`ends several Adam steps (a short last batch among them) with the engine's parameters (${name})`, async () => {
      const slow = CNN.create(config), quick = CNN.create(config);
      const step = referenceRun(slow, { name: 'adam' }, 0.003);
      const run = await openFast(quick, { learningRate: 0.003, optimizer: { name: 'adam' } });
      for (const [start, count] of [[0, 32], [32, 32], [64, 32], [96, 24]]) {
        const slowLoss = step(start, count);
        expect(run.step(start, count).loss).toBeCloseTo(slowLoss, 4);
      }
      run.readBack();
      quick.parameters().forEach((P, i) => {
        expect(relativeDifference(P.data, slow.parameters()[i].data), quick.parameterNames()[i]).toBeLessThan(1e-4);
      });
    });
  }

  it('gives the same run twice from the same seed, bit for bit', async () => {
    const trainTwice = async () => {
      const net = CNN.create(CHAPTER_CNN);
      const run = await openFast(net, { optimizer: { name: 'momentum' } });
      const losses = [0, 32, 64].map((start) => run.step(start, 32).loss);
      run.readBack();
      return { losses, parameters: net.parameters().map((P) => Array.from(P.data)) };
    };
    expect(await trainTwice()).toEqual(await trainTwice());
  });

  it('says what it cannot do, so the seam runs the reference step instead', async () => {
    const stepper = await fast();
    const plan = (net: Network, extra: Partial<StepPlan<Network>> = {}): StepPlan<Network> => ({ net, data, learningRate: 0.1, batchSize: 32, ...extra });
    expect(stepper.lacks(plan(CNN.create(CHAPTER_CNN)))).toBeNull();
    expect(stepper.lacks(plan(CNN.create({ ...CHAPTER_CNN, activation: 'tanh' })))).toMatch(/ReLU units only, not tanh/);
    expect(stepper.lacks(plan(MLP.create({ sizes: [784, 10, 10], activation: 'relu', init: 'he', seed: 1 })))).toMatch(/convolutional networks only/);
    expect(stepper.lacks(plan(CNN.create(CHAPTER_CNN), { batchSize: 600 }))).toMatch(/at most 512/);
    expect(stepper.lacks(plan(CNN.create(CHAPTER_CNN), { batchSize: 2000, learningRate: 0 }))).toBeNull(); // a measurement, taken in pieces
    expect(stepper.lacks(plan(CNN.create(CHAPTER_CNN), { data: { X: data.X, labels: Array.from(data.labels, (y, j) => (j === 7 ? 12 : y)) } }))).toMatch(/label 12/);
    expect(stepper.supports).not.toContain('dropout');
  });

  it("through the seam: train() with it ends where the engine's own step ends, names it, and falls back with a reason", async () => {
    const options = { epochs: 2, learningRate: 0.002, batchSize: 25, seed: 4, optimizer: { name: 'adam' } } as const;
    const slow = CNN.create(CHAPTER_CNN), quick = CNN.create(CHAPTER_CNN);
    await train(slow, { train: data }, options);
    const result = await train(quick, { train: data, val: data }, { ...options, stepper: await fast() });
    expect(result.step).toEqual({ name: 'WebAssembly CNN step', threads: 1 });
    quick.parameters().forEach((P, i) => {
      expect(relativeDifference(P.data, slow.parameters()[i].data), quick.parameterNames()[i]).toBeLessThan(1e-3);
    });
    expect(evaluate(quick, data, await fast()).loss).toBeCloseTo(evaluate(slow, data).loss, 3);
    const decayed = [CNN.create(CHAPTER_CNN), CNN.create(CHAPTER_CNN)];
    // λ this large shrinks the weights by about a tenth in these few steps: leaving it out would show
    const decay = { ...options, epochs: 1, optimizer: { name: 'momentum' }, weightDecay: 5 } as const;
    await train(decayed[0], { train: data }, decay);
    expect((await train(decayed[1], { train: data }, { ...decay, stepper: await fast() })).step.name).toBe('WebAssembly CNN step');
    decayed[1].W.forEach((W, s) => expect(relativeDifference(W.data, decayed[0].W[s].data), `weight decay, W${s + 1}`).toBeLessThan(1e-3));
    const tanh = await train(CNN.create({ ...CHAPTER_CNN, activation: 'tanh' }), { train: data }, { ...options, epochs: 1, stepper: await fast() });
    expect(tanh.step).toEqual({ name: 'TypeScript step', threads: 1, reason: 'the WebAssembly CNN step has ReLU units only, not tanh' });
  });
});
