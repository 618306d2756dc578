// Same seed, same run: the WebAssembly step on one thread, on two (a helper thread owns half the
// hidden units), and switching between them step by step as the tuner may, ends with bit-identical
// parameters and losses, for hidden sizes that split into strips of 32 units and into odd groups of 4.
import { describe, expect, it } from 'vitest';
import { MLP, train, type TrainResult } from '../../src/engine/index.ts';
import { alwaysTwo, type ThreadTuner, type WasmBuild } from '../../src/accel/index.ts';
import { nodeStepThreads, nodeWasmStepper } from '../../src/accel/node.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

const data = mnistSubset('train', 0, 400);

/** Two threads for 5 steps, one for 3, and so on: switches in the middle of every epoch. */
function switching(): ThreadTuner {
  let step = 0;
  return { choose: () => (step++ % 8 < 5 ? 2 : 1), record() {} };
}

type Mode = 'one thread' | 'two threads' | 'switching';

/** Trains [784, h, 10] for two epochs in minibatches of 37 (a short last one), waiting for the helper to join first. */
async function trainWith(h: number, mode: Mode, build: WasmBuild): Promise<{ net: MLP; result: TrainResult }> {
  const tuner = { 'one thread': undefined, 'two threads': alwaysTwo, switching }[mode];
  const threads = mode === 'one thread' ? undefined : nodeStepThreads(build, tuner);
  const stepper = (await nodeWasmStepper({ build, threads }))!;
  const net = MLP.create({ sizes: [784, h, 10], activation: 'relu', init: 'he', seed: 3 });
  // the helper thread is sent the run's memory at its first arrange and joins a little later:
  // the first step waits for it, so that the two-thread runs really do run on two
  let first = true;
  const beforeBatch = async () => {
    for (let waited = 0; threads && first && stepper.readyThreads() < 2; waited += 10) {
      if (waited > 30_000) throw new Error('the helper thread did not join');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first = false;
  };
  const result = await train(net, { train: data }, { epochs: 2, learningRate: 0.1, batchSize: 37, seed: 9, stepper, beforeBatch });
  return { net, result };
}

const bits = (net: MLP) => net.parameters().map((P) => Array.from(new Uint32Array(P.data.buffer, P.data.byteOffset, P.data.length)));

describe('the WebAssembly step on one thread and on two', () => {
  for (const [h, build] of [[128, 'simd-fma'], [53, 'simd'], [53, 'simd-fma']] as const) {
    it(`gives bit-identical parameters and losses with h = ${h} (${build} build), whatever the thread count`, async () => {
      const one = await trainWith(h, 'one thread', build);
      expect(one.result.step).toEqual({ name: 'WebAssembly step', threads: 1 });
      for (const mode of ['two threads', 'switching'] as const) {
        const other = await trainWith(h, mode, build);
        if (mode === 'two threads') expect(other.result.step.threads, 'most steps ran on two threads').toBe(2);
        expect(bits(other.net), mode).toEqual(bits(one.net));
        expect(other.result.history.map((r) => [r.trainLoss, r.trainAccuracy]), mode).toEqual(one.result.history.map((r) => [r.trainLoss, r.trainAccuracy]));
      }
    });
  }
});
