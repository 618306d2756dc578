// The WebAssembly SIMD kernels against the readable reference loops (kernels.ts), on random shapes
// that include sizes which are not multiples of 4 (one f32x4) or of the 4×8 register tile, both dense
// and MNIST-like mostly-zero inputs; and training through either backend reaching the same accuracy.
import { afterEach, describe, expect, it } from 'vitest';
import * as reference from '../../src/engine/kernels.ts';
import { backendName, kernels, loadWasmKernelsInNode, typescriptKernels, useKernels } from '../../src/engine/backend.ts';
import { MLP, createRng, evaluate, train } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { relativeDifference } from './relative-difference.ts';
import { fusedLoss } from '../../src/engine/wasm/fused-step.ts';

const wasm = loadWasmKernelsInNode();
const original = kernels();
afterEach(() => useKernels(original));

function random(length: number, seed: number, zeros = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => (rng.next() < zeros ? 0 : rng.randn()));
}

// (n, k, m): odd sizes, 1, sizes just past a multiple of 4 or 8, and the network's own.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 13], [7, 3, 33], [13, 17, 11], [9, 31, 6], [128, 784, 37], [10, 128, 129], [33, 65, 17],
];
const SPARSITY = [0, 0.8];

type Form = 'matmul' | 'matmulTransA' | 'matmulTransB';
/** Lengths of a and b for each form, given the output (n, m) and the shared size k. */
const operands: Record<Form, (n: number, k: number, m: number) => [number, number, [number, number, number]]> = {
  matmul: (n, k, m) => [n * k, k * m, [n, k, m]],
  matmulTransA: (n, k, m) => [k * n, k * m, [k, n, m]],
  matmulTransB: (n, k, m) => [n * k, m * k, [n, k, m]],
};

describe('WebAssembly SIMD kernels', () => {
  it('load in Node and are what the engine uses by default', () => {
    expect(wasm).not.toBeNull();
    expect(wasm!.name).toBe('wasm-simd');
    expect(process.env.NN_BACKEND === 'typescript' ? 'typescript' : 'wasm-simd').toBe(backendName());
  });

  for (const form of ['matmul', 'matmulTransA', 'matmulTransB'] as Form[]) {
    for (const zeros of SPARSITY) {
      it(`${form} equals the reference on odd shapes (${zeros * 100}% zeros in B)`, () => {
        SHAPES.forEach(([n, k, m], s) => {
          const [aLength, bLength, dims] = operands[form](n, k, m);
          const a = random(aLength, 10 + s), b = random(bLength, 100 + s, zeros);
          const expected = new Float32Array(n * m), got = new Float32Array(n * m).fill(NaN);
          reference[form](a, b, expected, ...dims);
          wasm![form](a, b, got, ...dims);
          expect(relativeDifference(got, expected), `${form} (${n}, ${k}, ${m})`).toBeLessThan(1e-5);
        });
      });
    }
  }

  it('keep working after the module memory grows (views are made after growing)', () => {
    const small = random(4 * 4, 1), big = random(300 * 784, 2, 0.8), w = random(128 * 300, 3);
    const c1 = new Float32Array(16);
    wasm!.matmul(small, small, c1, 4, 4, 4);
    const c2 = new Float32Array(128 * 784), e2 = new Float32Array(128 * 784);
    wasm!.matmul(w, big, c2, 128, 300, 784);
    reference.matmul(w, big, e2, 128, 300, 784);
    expect(relativeDifference(c2, e2)).toBeLessThan(1e-5);
    const again = new Float32Array(16), expected = new Float32Array(16);
    wasm!.matmul(small, small, again, 4, 4, 4);
    reference.matmul(small, small, expected, 4, 4, 4);
    expect(relativeDifference(again, expected)).toBeLessThan(1e-6);
  });
});

/** The same network, data and options trained once with each backend (`fastKernels`: a build of the WebAssembly kernels). */
async function trainBoth(create: () => MLP, data: Parameters<typeof train>[1], options: Parameters<typeof train>[2], fastKernels = wasm!) {
  useKernels(typescriptKernels);
  const slow = create();
  const slowResult = await train(slow, data, options);
  useKernels(fastKernels);
  const fast = create();
  const fastResult = await train(fast, data, options);
  return { slow, slowResult, fast, fastResult };
}

describe('training with either backend', () => {
  async function trainWith(chosen: typeof typescriptKernels): Promise<number> {
    useKernels(chosen);
    const net = MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 3 });
    await train(net, { train: mnistSubset('train', 0, 3000) }, { epochs: 2, learningRate: 0.1, batchSize: 32, seed: 3 });
    return evaluate(net, mnistSubset('test', 0, 2000)).accuracy;
  }

  it('reaches the same test accuracy (within 0.5 points) with the WebAssembly and the TypeScript kernels', async () => {
    const fromTypescript = await trainWith(typescriptKernels);
    const fromWasm = await trainWith(wasm!);
    expect(fromTypescript).toBeGreaterThan(0.8); // it really learned
    expect(Math.abs(fromWasm - fromTypescript)).toBeLessThan(0.005);
  });

  // each build of the fused step: plain SIMD, and with the fused multiply-add (relaxed SIMD)
  for (const build of ['simd', 'simd-fma'] as const) {
    it(`the fused minibatch step (one WebAssembly call per batch) ends with the same parameters as the engine's own steps, for odd sizes (${build} build)`, async () => {
      // h = 53 is not a multiple of 4 (padded to 56 inside: blocks of 32, 16 and 4 units), 300 images in
      // batches of 37 leave a short last batch.
      const data = { train: mnistSubset('train', 0, 300) };
      const options = { epochs: 2, learningRate: 0.1, batchSize: 37, seed: 7 };
      const create = () => MLP.create({ sizes: [784, 53, 10], activation: 'relu', init: 'he', seed: 7 });
      const { slow, slowResult, fast, fastResult } = await trainBoth(create, data, options, loadWasmKernelsInNode(build)!);
      for (let l = 0; l < 2; l++) {
        expect(relativeDifference(fast.W[l].data, slow.W[l].data), `W${l + 1}`).toBeLessThan(1e-4);
        expect(relativeDifference(fast.b[l].data, slow.b[l].data), `b${l + 1}`).toBeLessThan(1e-4);
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
      const { slow, slowResult, fast, fastResult } = await trainBoth(create, data, options, loadWasmKernelsInNode(build)!);
      expect(slowResult.history[0].trainLoss).toBeGreaterThan(20); // the logits really are far apart
      expect(fastResult.history[0].trainLoss).toBeCloseTo(slowResult.history[0].trainLoss, 3);
      for (let l = 0; l < 2; l++) expect(relativeDifference(fast.W[l].data, slow.W[l].data), `W${l + 1}`).toBeLessThan(1e-4);
    });
  }

  it('evaluate() gives the engine\'s own loss and accuracy through the fused forward pass, for odd sizes', async () => {
    // h = 53, 1,037 images (not a multiple of the 250 examples per call), after some training so that
    // the answers are not all alike
    const net = MLP.create({ sizes: [784, 53, 10], activation: 'relu', init: 'he', seed: 9 });
    useKernels(typescriptKernels);
    await train(net, { train: mnistSubset('train', 0, 500) }, { epochs: 1, learningRate: 0.1, batchSize: 50, seed: 9 });
    const data = mnistSubset('test', 0, 1037);
    const slow = evaluate(net, data);
    useKernels(wasm!);
    const fast = evaluate(net, data);
    expect(fast).toEqual(fusedLoss(wasm!.module!, net, data.X, data.labels)); // it did take the fused path
    expect(slow.accuracy).toBeGreaterThan(0.5);
    expect(fast.loss).toBeCloseTo(slow.loss, 5);
    expect(fast.accuracy).toBe(slow.accuracy);
    // the network itself is left as it was
    expect(evaluate(net, data)).toEqual(fast);
  });

  it('rebuilds its copy of the training images when X was changed in place between runs', async () => {
    useKernels(wasm!);
    const data = { train: mnistSubset('train', 0, 200) };
    const options = { epochs: 1, learningRate: 0.1, batchSize: 50, seed: 2 };
    const create = () => MLP.create({ sizes: [784, 8, 10], activation: 'relu', init: 'he', seed: 2 });
    await train(create(), data, options); // caches the non-zero lists of this X
    for (let p = 0; p < data.train.X.data.length; p++) data.train.X.data[p] *= 0.5;
    const fast = create();
    await train(fast, data, options);
    useKernels(typescriptKernels);
    const slow = create();
    await train(slow, data, options);
    expect(relativeDifference(fast.W[0].data, slow.W[0].data)).toBeLessThan(1e-4);
  });

  it('stops with the same DivergenceError on the fused path when the learning rate is far too high', async () => {
    useKernels(wasm!);
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'randn', seed: 1 });
    await expect(train(net, { train: mnistSubset('train', 0, 500) }, { epochs: 3, learningRate: 50, batchSize: 50, seed: 1 })).rejects.toThrow(/learning rate 50 is too high/);
  });

  it('gives the same forward pass through the engine API with either backend', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 5 });
    const { X } = mnistSubset('test', 0, 50);
    useKernels(typescriptKernels);
    const slow = net.forward(X);
    useKernels(wasm!);
    const fast = net.forward(X);
    expect(fast.shape).toEqual(slow.shape);
    expect(relativeDifference(fast.data, slow.data)).toBeLessThan(1e-5);
  });
});
