// The training features the WebAssembly step does not implement (optimisers other than SGD, weight
// decay, dropout) reach it through the seam: the run falls back to the reference step, gives its
// exact result and says why; the plain values of those options (SGD, λ = 0, keep = 1) stay fast.
import { describe, expect, it } from 'vitest';
import { MLP, train, type TrainOptions } from '../../src/engine/index.ts';
import { nodeWasmStepper } from '../../src/accel/node.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

const data = { train: mnistSubset('train', 0, 200) };
const base = { epochs: 2, learningRate: 0.05, batchSize: 25, seed: 4 };
const create = () => MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 4 });

describe('training options the WebAssembly step lacks', () => {
  const cases: [Partial<TrainOptions>, string][] = [
    [{ optimizer: { name: 'momentum', beta: 0.9 } }, 'the WebAssembly step has no momentum'],
    [{ optimizer: { name: 'rmsprop' }, learningRate: 0.001 }, 'the WebAssembly step has no RMSProp'],
    [{ optimizer: { name: 'adam' }, learningRate: 0.001 }, 'the WebAssembly step has no Adam'],
    [{ weightDecay: 1e-3 }, 'the WebAssembly step has no weight decay'],
    [{ dropout: 0.8 }, 'the WebAssembly step has no dropout'],
  ];
  for (const [change, reason] of cases) {
    it(`${JSON.stringify(change)}: the reference step's exact result, and "${reason}"`, async () => {
      const options = { ...base, ...change };
      const slow = create();
      const slowResult = await train(slow, data, options);
      const quick = create();
      const quickResult = await train(quick, data, { ...options, stepper: (await nodeWasmStepper())! });
      expect(quickResult.step).toEqual({ name: 'TypeScript step', threads: 1, reason });
      expect(quickResult.history.map((h) => h.trainLoss)).toEqual(slowResult.history.map((h) => h.trainLoss));
      quick.parameters().forEach((P, i) => expect(P.data).toEqual(slow.parameters()[i].data));
      // and the option changed the run: plain SGD ends elsewhere
      const sgd = create();
      await train(sgd, data, { ...base, learningRate: options.learningRate });
      expect(sgd.W[0].data).not.toEqual(slow.W[0].data);
    });
  }

  it('plain SGD, λ = 0 and keep = 1 ask for nothing new: the WebAssembly step runs', async () => {
    const net = create();
    const { step } = await train(net, data, { ...base, optimizer: { name: 'sgd' }, weightDecay: 0, dropout: 1, stepper: (await nodeWasmStepper())! });
    expect(step).toEqual({ name: 'WebAssembly step', threads: 1 });
  });
});
