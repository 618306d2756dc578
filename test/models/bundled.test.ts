import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argmax, evaluate } from '../../src/engine/index.ts';
import { BUNDLED_SPLIT, trainBundled, validationSet, type BundledFile } from '../../src/models/bundled-recipe.ts';
import { bundledFromJSON } from '../../src/models/bundled.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

const file = JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8')) as BundledFile;

describe('the bundled network', () => {
  const { net, about } = bundledFromJSON(file);

  it('is 784-32-10 ReLU, trained on the first 50,000 training images with the last 10,000 for validation', () => {
    expect(net.config.sizes).toEqual([784, 32, 10]);
    expect(net.config.activation).toBe('relu');
    expect(about.split).toEqual({ trainStart: 0, trainCount: 50_000, valStart: 50_000, valCount: 10_000 });
    expect(BUNDLED_SPLIT.trainStart + BUNDLED_SPLIT.trainCount).toBe(BUNDLED_SPLIT.valStart);
  });

  it('reads ≥ 95% of the 10,000 validation images correctly, as its file says', () => {
    const val = validationSet();
    const { accuracy } = evaluate(net, val);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(accuracy).toBeCloseTo(about.valAccuracy, 3);
    // The same count by hand, without evaluate: argmax of the forward pass against the labels.
    const predicted = argmax(net.forward(val.X), 0);
    let correct = 0;
    for (let j = 0; j < val.labels.length; j++) if (predicted[j] === val.labels[j]) correct++;
    expect(correct / val.labels.length).toBeCloseTo(accuracy, 4);
  });

  it('was not trained on the validation images: it does better on images it trained on', () => {
    const seen = evaluate(net, mnistSubset('train', 0, 10_000)).accuracy;
    expect(seen).toBeGreaterThan(about.valAccuracy);
  });

  it('is what `npm run train-bundled` produces', async () => {
    const again = await trainBundled();
    expect(again.about.options).toEqual(about.options);
    expect(again.about.valAccuracy).toBeCloseTo(about.valAccuracy, 2);
    // The same weights, up to rounding and the order in which a faster kernel adds numbers up.
    for (const [l, W] of again.network.W.entries()) {
      const shipped = file.network.W[l].data;
      let worst = 0;
      for (let i = 0; i < W.data.length; i++) worst = Math.max(worst, Math.abs(W.data[i] - shipped[i]));
      expect(worst).toBeLessThan(0.02);
    }
  });
});
