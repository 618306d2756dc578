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
