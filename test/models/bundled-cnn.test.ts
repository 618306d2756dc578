// The convolutional network the site ships for chapter 16: the chapter's network, reading the
// validation images as well as its file says, and the first-layer view the chapter's widget shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Matrix, argmax, columns, correlate2d } from '../../src/engine/index.ts';
import { BUNDLED_CNN_SPLIT, cnnValidationSet, type BundledCNNFile } from '../../src/models/bundled-cnn-recipe.ts';
import { bundledCNNFromJSON } from '../../src/models/bundled-cnn.ts';
import { CHAPTER_CNN } from '../../src/models/chapter-cnn.ts';
import { firstLayer } from '../../components/widgets/feature-maps.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';

const file = JSON.parse(readFileSync(new URL('../../src/models/bundled-cnn.json', import.meta.url), 'utf8')) as BundledCNNFile;

describe('the bundled convolutional network', () => {
  const { net, about } = bundledCNNFromJSON(file);

  it('is the chapter’s network, trained on training images that are not its validation images', () => {
    expect(net.config.layers).toEqual(CHAPTER_CNN.layers);
    expect(net.config.activation).toBe(CHAPTER_CNN.activation);
    expect(about.split).toEqual(BUNDLED_CNN_SPLIT);
    // as chapter 16 says: "trained by the site on 50,000 training images for two epochs"
    expect([about.split.trainCount, about.options.epochs]).toEqual([50_000, 2]);
    expect(BUNDLED_CNN_SPLIT.trainStart + BUNDLED_CNN_SPLIT.trainCount).toBeLessThanOrEqual(BUNDLED_CNN_SPLIT.valStart);
  });

  it('reads ≥ 98% of the 10,000 validation images correctly, as its file says', () => {
    const val = cnnValidationSet();
    let correct = 0;
    for (let start = 0; start < 10_000; start += 2000) {
      const idx = Array.from({ length: 2000 }, (_, i) => start + i);
      argmax(net.forward(columns(val.X, idx)), 0).forEach((p, i) => (correct += p === val.labels[idx[i]] ? 1 : 0));
    }
    expect(correct / 10_000).toBeGreaterThanOrEqual(0.98);
    expect(correct / 10_000).toBeCloseTo(about.valAccuracy, 4);
  }, 120_000);

  it('its first layer, as the widget shows it: the kernels K1 and ReLU(X ⋆ K1[f] + b1[f]) for each filter', () => {
    const pixels = loadMnist().test.pixels.subarray(0, 784);
    const layer = firstLayer(net, pixels);
    expect([layer.k, layer.side, layer.filters.length, layer.maps.length]).toEqual([5, 24, 12, 12]);
    const X = new Matrix(28, 28, Float32Array.from(pixels, (v) => v / 255));
    for (let f = 0; f < 12; f++) {
      expect(Array.from(layer.filters[f])).toEqual(Array.from(net.W[0].data.slice(25 * f, 25 * (f + 1))));
      const Z = correlate2d(X, new Matrix(5, 5, layer.filters[f]));
      for (let p = 0; p < 576; p++) expect(layer.maps[f][p]).toBeCloseTo(Math.max(0, Z.data[p] + net.b[0].data[f]), 4);
    }
    expect(layer.predicted).toBe(argmax(net.forward(new Matrix(784, 1, X.data)), 0)[0]);
    expect(layer.confidence).toBeGreaterThan(0.1);
  });

  it('most learned kernels have a positive and a negative side, like the hand-made edge kernels', () => {
    let signed = 0;
    for (let f = 0; f < 12; f++) {
      const w = Array.from(net.W[0].data.slice(25 * f, 25 * (f + 1)));
      const big = Math.max(...w.map(Math.abs));
      if (Math.max(...w) > 0.3 * big && Math.min(...w) < -0.3 * big) signed++;
    }
    expect(signed).toBeGreaterThan(6); // most of 12
  });
});
