import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CNN, MLP, Matrix, argmax, createRng, train, type ActivationName, type CNNConfig, type TrainOptions } from '../../src/engine/index.ts';
import { numpyScript } from '../../src/export/numpy-script.ts';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
if (!hasNumpy) console.info('numpy export: skipped running the script, python3 with numpy is not installed');

function runScript(source: string): { digit: number; probability: number }[] {
  const file = join(mkdtempSync(join(tmpdir(), 'nn-export-')), 'network.py');
  writeFileSync(file, source);
  const out = execFileSync('python3', [file], { encoding: 'utf8' });
  return [...out.matchAll(/example (\d+): digit (\d+), probability ([\d.]+)/g)].map((m) => ({
    digit: Number(m[2]),
    probability: Number(m[3]),
  }));
}

function samples(m: number, seed: number): Matrix {
  const rng = createRng(seed);
  const X = Matrix.zeros(784, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next() < 0.2 ? rng.next() : 0;
  return X;
}

describe('numpy export', () => {
  it('embeds every parameter and defines forward and predict', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });
    const script = numpyScript(net.toJSON());
    expect(script).toContain('W1 = np.frombuffer');
    expect(script).toContain('reshape(16, 784)');
    expect(script).toContain('b2 = np.frombuffer');
    expect(script).toContain('reshape(10, 1)');
    expect(script).toMatch(/def predict\(X\):/);
  });

  for (const activation of ['relu', 'leakyRelu', 'sigmoid', 'tanh'] as ActivationName[]) {
    it.skipIf(!hasNumpy)(`prints the engine's predictions and probabilities (${activation})`, () => {
      const net = MLP.create({ sizes: [784, 24, 12, 10], activation, init: 'xavier', seed: 7 });
      const X = samples(12, 3);
      const A = net.forward(X);
      const expected = argmax(A, 0);
      const printed = runScript(numpyScript(net.toJSON(), X));
      expect(printed.map((p) => p.digit)).toEqual(expected);
      printed.forEach((p, j) => expect(p.probability).toBeCloseTo(A.get(expected[j]!, j), 5));
    });
  }

  it('embeds a CNN\'s kernels under their layer names and writes forward out layer by layer', () => {
    const script = numpyScript(CNN.create(cnnConfig('relu')).toJSON());
    expect(script).toMatch(/K1 = np\.frombuffer.*reshape\(4, 9\)/);
    expect(script).toMatch(/K3 = np\.frombuffer.*reshape\(6, 36\)/);
    expect(script).toMatch(/W5 = np\.frombuffer.*reshape\(10, 54\)/);
    expect(script).toContain('A = g(conv(A, K1, b1, (1, 28, 28), 3, 1, 1))  # (4·28·28, m)');
    expect(script).toContain('A = pool(A, (4, 28, 28), 2)  # (4·14·14, m)');
    expect(script).toContain('A = softmax(W5 @ A + b5)  # (10, m)');
  });

  for (const activation of ['relu', 'leakyRelu', 'tanh'] as ActivationName[]) {
    it.skipIf(!hasNumpy)(`prints a CNN's predictions and probabilities as the engine computes them (${activation})`, () => {
      const net = CNN.create(cnnConfig(activation));
      const rng = createRng(11);
      net.b.forEach((b) => b.data.forEach((_, p) => (b.data[p] = rng.randn() * 0.1))); // biases in play
      const X = samples(9, 4);
      const A = net.forward(X);
      const expected = argmax(A, 0);
      const printed = runScript(numpyScript(net.toJSON(), X));
      expect(printed.map((p) => p.digit)).toEqual(expected);
      printed.forEach((p, j) => expect(p.probability).toBeCloseTo(A.get(expected[j]!, j), 5));
    });
  }

  // The optimiser, weight decay and dropout change only how the weights were reached: the network
  // they leave is a plain MLP (inverted dropout needs no scaling at prediction), so the script must
  // predict as the engine does after a run with each of them, on one hidden layer and on two.
  const options: [string, Partial<TrainOptions>][] = [
    ['momentum', { optimizer: { name: 'momentum', beta: 0.9 }, learningRate: 0.01 }],
    ['RMSProp', { optimizer: { name: 'rmsprop', beta: 0.9 }, learningRate: 0.001 }],
    ['Adam', { optimizer: { name: 'adam', beta1: 0.9, beta2: 0.999 }, learningRate: 0.001 }],
    ['weight decay', { weightDecay: 1e-3 }],
    ['dropout', { dropout: 0.5 }],
    ['Adam, weight decay and dropout', { optimizer: { name: 'adam' }, learningRate: 0.001, weightDecay: 1e-4, dropout: 0.8 }],
  ];
  for (const [name, extra] of options) {
    for (const hidden of [[16], [16, 12]]) {
      it.skipIf(!hasNumpy)(`predicts as the engine does after training with ${name} (${[784, ...hidden, 10].join('-')})`, async () => {
        const net = MLP.create({ sizes: [784, ...hidden, 10], activation: 'relu', init: 'he', seed: 2 });
        const X = samples(64, 5);
        const labels = Uint8Array.from({ length: 64 }, (_, j) => j % 10);
        const before = Array.from(net.W[0].data);
        await train(net, { train: { X, labels } }, { epochs: 3, learningRate: 0.1, batchSize: 16, seed: 4, ...extra });
        expect(Array.from(net.W[0].data)).not.toEqual(before); // the option really trained the network
        const test = samples(10, 9);
        const A = net.forward(test);
        const printed = runScript(numpyScript(net.toJSON(), test));
        expect(printed.map((p) => p.digit)).toEqual(argmax(A, 0));
        printed.forEach((p, j) => expect(p.probability).toBeCloseTo(A.get(argmax(A, 0)[j]!, j), 5));
      });
    }
  }
});

/** Every kind of layer: conv with padding, pool, conv with stride, dense. */
function cnnConfig(activation: ActivationName): CNNConfig {
  return {
    kind: 'cnn',
    input: { channels: 1, height: 28, width: 28 },
    layers: [
      { type: 'conv', filters: 4, size: 3, pad: 1 }, // 4×28×28
      { type: 'pool', size: 2 }, // 4×14×14
      { type: 'conv', filters: 6, size: 3, stride: 2 }, // ⌊(14 − 3)/2⌋ + 1 = 6: 6×6×6
      { type: 'pool', size: 2 }, // 6×3×3
      { type: 'dense', units: 10 },
    ],
    activation,
    init: 'he',
    seed: 5,
  };
}
