// Which of the training panel's options the WebAssembly step computes, and which fall back to the
// TypeScript step with the reason the panel shows: a session given the fast step, run with each option.
import { describe, expect, it } from 'vitest';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { nodeWasmStepper } from '../../src/accel/node.ts';
import { TrainingSession, type SessionData } from '../../src/worker/session.ts';
import type { FromWorker, RunConfig } from '../../src/worker/protocol.ts';

const data: SessionData = {
  train: { count: 1500, dataset: (start, n) => mnistSubset('train', start, n) },
  test: { count: 500, dataset: (start, n) => mnistSubset('test', start, n) },
};
const base: RunConfig = { hidden: [16], activation: 'relu', init: 'he', learningRate: 0.05, batchSize: 50, epochs: 1, patience: 0, trainSize: 1000, seed: 3 };
const wasm = await nodeWasmStepper();

describe.skipIf(!wasm)('the panel’s options on the WebAssembly step', () => {
  const cases: [string, Partial<RunConfig>, string | undefined][] = [
    ['plain SGD, one hidden layer', {}, undefined],
    ['SGD written out with λ = 0 and keep = 1', { optimizer: { name: 'sgd' }, weightDecay: 0, dropout: 1 }, undefined],
    ['momentum', { optimizer: { name: 'momentum', beta: 0.9 } }, 'the WebAssembly step has no momentum'],
    ['RMSProp', { optimizer: { name: 'rmsprop', beta: 0.9 } }, 'the WebAssembly step has no RMSProp'],
    ['Adam', { optimizer: { name: 'adam', beta1: 0.9, beta2: 0.999 } }, 'the WebAssembly step has no Adam'],
    ['weight decay', { weightDecay: 1e-4 }, 'the WebAssembly step has no weight decay'],
    ['dropout', { dropout: 0.8 }, 'the WebAssembly step has no dropout'],
    ['two hidden layers', { hidden: [16, 8] }, 'the WebAssembly step has one hidden layer, not 2'],
    ['Adam, dropout and decay on two layers', { hidden: [16, 8], optimizer: { name: 'adam' }, weightDecay: 1e-4, dropout: 0.8 }, 'the WebAssembly step has no Adam'],
  ];
  for (const [name, options, reason] of cases) {
    it(`${name}: ${reason ?? 'runs fast'}`, async () => {
      const messages: FromWorker[] = [];
      await new TrainingSession(data, (m) => messages.push(m), wasm!).start({ ...base, ...options });
      const done = messages.find((m): m is Extract<FromWorker, { type: 'done' }> => m.type === 'done');
      expect(done, JSON.stringify(messages.filter((m) => m.type === 'error'))).toBeDefined();
      expect(done!.summary.step.name).toBe(reason ? 'TypeScript step' : 'WebAssembly step');
      expect(done!.summary.step.reason).toBe(reason);
      expect(done!.summary.model.config).toHaveProperty('sizes', [784, ...(options.hidden ?? base.hidden), 10]);
    });
  }
});
