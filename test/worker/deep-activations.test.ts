// Chapter 4's explorer data: what its worker posts and what the build puts into the page's props.
import { describe, expect, it } from 'vitest';
import { DEPTH, EXAMPLES, WIDTH, deepActivations } from '../../src/worker/deep-activations.ts';

describe('deepActivations', () => {
  it('gives one view per hidden layer, counting every activation once', () => {
    const { layers } = deepActivations({ act: 'relu', init: 'he' });
    expect(layers).toHaveLength(DEPTH);
    for (const { zeroFraction, hist } of layers) {
      // ReLU's exact zeros are left out of the histogram and counted by zeroFraction instead
      expect(hist.total + Math.round(zeroFraction * WIDTH * EXAMPLES)).toBe(WIDTH * EXAMPLES);
      expect(hist.counts.reduce((a, b) => a + b, 0) + hist.below + hist.above).toBe(hist.total);
    }
  });

  it('is the same every time (seeded) and survives JSON, as page props must', () => {
    const view = deepActivations({ act: 'tanh', init: 'randn' });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(deepActivations({ act: 'tanh', init: 'randn' })).toEqual(view);
  });

  it('separates the initialisers the way the chapter says: He keeps ReLU healthy, ×0.01 vanishes', () => {
    const last = (init: 'he' | 'small') => deepActivations({ act: 'relu', init }).layers[DEPTH - 1].std;
    expect(last('he')).toBeGreaterThan(0.3);
    expect(last('he')).toBeLessThan(3);
    expect(last('small')).toBeLessThan(1e-6);
  });
});

describe('deepActivations: the gradients of one backward pass', () => {
  it('gradStd is the spread of the engine’s dW for that layer, checked against a finite difference', async () => {
    const { MLP, Matrix, createRng, oneHot, layerStats } = await import('../../src/engine/index.ts');
    // The same network and data as the explorer's, rebuilt here: the gradient of one weight by central differences.
    const sizes = [WIDTH, ...Array(DEPTH).fill(WIDTH), 10];
    const net = MLP.create({ sizes, activation: 'tanh', init: 'xavier', seed: 4 });
    const rng = createRng(40);
    const X = Matrix.randn(WIDTH, EXAMPLES, rng);
    const Y = oneHot(Array.from({ length: EXAMPLES }, () => rng.int(10)), 10);
    const { dW } = net.backward(net.forwardWithCache(X), Y);
    const view = deepActivations({ act: 'tanh', init: 'xavier' });
    view.layers.forEach((layer, l) => expect(layer.gradStd).toBeCloseTo(layerStats(dW[l]).std, 12));
    // one entry of dW5, by finite differences of the loss (float32 maths: a loose tolerance)
    const [i, j, h] = [3, 7, 1e-2];
    const loss = () => net.loss(net.forward(X), Y);
    const w = net.W[4].get(i, j);
    net.W[4].set(i, j, w + h);
    const up = loss();
    net.W[4].set(i, j, w - h);
    const down = loss();
    net.W[4].set(i, j, w);
    expect(dW[4].get(i, j)).toBeCloseTo((up - down) / (2 * h), 3);
  });

  it('shows what chapter 4 says: ×0.01 vanishes, ReLU + randn explodes, saturated tanh explodes towards the input', () => {
    const grads = (act: 'tanh' | 'relu', init: 'randn' | 'small' | 'xavier' | 'he') => deepActivations({ act, init }).layers.map((l) => l.gradStd);
    for (const g of grads('tanh', 'small')) expect(g).toBeLessThan(1e-10);
    for (const g of grads('relu', 'small')) expect(g).toBeLessThan(1e-11);
    for (const g of grads('relu', 'randn')) expect(g).toBeGreaterThan(1e8);
    const tanhRandn = grads('tanh', 'randn');
    expect(tanhRandn[0] / tanhRandn[DEPTH - 1]).toBeGreaterThan(1e4);
    for (const g of [...grads('tanh', 'xavier'), ...grads('relu', 'he')]) {
      expect(g).toBeGreaterThan(1e-3);
      expect(g).toBeLessThan(1e-1);
    }
  });
});
