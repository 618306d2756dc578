// The two-thread fused step (wasm/assembly/threads.ts: a helper thread owns half the hidden units)
// against the single-thread one and the engine's own TypeScript steps: the same parameters after the
// same minibatches, for hidden sizes that split into strips of 32 units and into odd groups of 4.
import { afterAll, describe, expect, it } from 'vitest';
import { MLP, createRng, train } from '../../src/engine/index.ts';
import { loadWasmKernelsInNode, typescriptKernels, useKernels, kernels } from '../../src/engine/backend.ts';
import { fusedStep } from '../../src/engine/wasm/fused-step.ts';
import { nodeStepThreads } from '../../src/engine/wasm/node-threads.ts';
import type { WasmBuild } from '../../src/engine/wasm/features.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { relativeDifference } from './relative-difference.ts';

const wasm = loadWasmKernelsInNode();
const original = kernels();
afterAll(() => useKernels(original));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const data = mnistSubset('train', 0, 400);

/**
 * An epoch of minibatches of 37 (a short last one) in a seeded order, through one fused step: the
 * single-thread build, the two-thread build on both threads, or its leader alone (no helper starts,
 * so one thread does both parts of W1t).
 */
async function trainFused(h: number, threads: 'single' | 'both' | 'leader', build: WasmBuild = 'simd'): Promise<{ net: MLP; losses: number[]; stepsOn: { 1: number; 2: number } }> {
  const net = MLP.create({ sizes: [784, h, 10], activation: 'relu', init: 'he', seed: 3 });
  const stepThreads = {
    single: undefined,
    both: { ...nodeStepThreads(build), always: true },
    leader: { module: nodeStepThreads(build).module, startHelper() {}, always: true },
  }[threads];
  const fused = fusedStep(loadWasmKernelsInNode(build)!.module!, net, data.X, data.labels, 0.1, 37, stepThreads)!;
  if (threads === 'both') await until(() => fused.threads() === 2, 'the helper thread to join');
  const rng = createRng(9), order = Uint32Array.from({ length: data.X.cols }, (_, i) => i);
  const losses: number[] = [];
  rng.shuffle(order);
  fused.arrange(order);
  for (let start = 0; start < order.length; start += 37) {
    losses.push(fused.step(start, Math.min(37, order.length - start)).loss);
  }
  fused.writeBack();
  fused.close();
  return { net, losses, stepsOn: fused.stepsOn() };
}

describe.skipIf(!wasm)('the fused step on two threads', () => {
  for (const [h, build] of [[128, 'simd'], [53, 'simd'], [53, 'simd-fma']] as const) {
    it(`gives the single-thread step's parameters and losses with h = ${h} (${build} build)`, async () => {
      const one = await trainFused(h, 'single', build);
      const two = await trainFused(h, 'both', build);
      expect(two.stepsOn).toEqual({ 1: 0, 2: Math.ceil(data.X.cols / 37) }); // every step really ran on both threads
      // float32 sums in another order (Z2 in two parts) differ in the last bits; a ReLU unit near 0
      // can then switch, so allow what the engine allows between its two backends
      for (let l = 0; l < 2; l++) {
        expect(relativeDifference(two.net.W[l].data, one.net.W[l].data), `W${l + 1}`).toBeLessThan(1e-4);
        expect(relativeDifference(two.net.b[l].data, one.net.b[l].data), `b${l + 1}`).toBeLessThan(1e-4);
      }
      two.losses.forEach((loss, i) => expect(loss).toBeCloseTo(one.losses[i], 5));
    });
  }

  it('gives the single-thread step\'s parameters when the two-thread build\'s leader runs alone (both parts of W1t on one thread)', async () => {
    const one = await trainFused(53, 'single');
    const alone = await trainFused(53, 'leader');
    expect(alone.stepsOn).toEqual({ 1: Math.ceil(data.X.cols / 37), 2: 0 });
    for (let l = 0; l < 2; l++) {
      expect(relativeDifference(alone.net.W[l].data, one.net.W[l].data), `W${l + 1}`).toBeLessThan(1e-6);
      expect(relativeDifference(alone.net.b[l].data, one.net.b[l].data), `b${l + 1}`).toBeLessThan(1e-6);
    }
  });

  it('trains through train() to the TypeScript engine\'s parameters, and a second run on the same data works too', async () => {
    const options = { epochs: 2, learningRate: 0.1, batchSize: 50, seed: 4 };
    const create = () => MLP.create({ sizes: [784, 64, 10], activation: 'relu', init: 'he', seed: 4 });
    useKernels(typescriptKernels);
    const slow = create();
    await train(slow, { train: data }, options);
    useKernels({ ...wasm!, stepThreads: nodeStepThreads() });
    for (let run = 0; run < 2; run++) {
      const fast = create();
      await train(fast, { train: data }, options);
      expect(relativeDifference(fast.W[0].data, slow.W[0].data)).toBeLessThan(1e-4);
      expect(relativeDifference(fast.W[1].data, slow.W[1].data)).toBeLessThan(1e-4);
    }
  });
});
