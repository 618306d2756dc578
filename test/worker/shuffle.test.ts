// Chapter 1's shuffle: the permutation, and the claim that a fully connected network learns
// shuffled images as well as the originals (real MNIST, trained by the engine).
import { describe, expect, it } from 'vitest';
import { MLP, Matrix, createRng } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { HELD_OUT, PIXELS, SHUFFLE_CONFIG, TRAIN_SIZE, permuteImage, permuteRows, pixelOrder, trainOnPixels } from '../../src/worker/shuffle.ts';

describe('the pixel order', () => {
  it('is one fixed permutation of 0 … 783 that really moves the pixels', () => {
    const order = pixelOrder();
    expect(pixelOrder()).toEqual(order);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: PIXELS }, (_, p) => p));
    expect(order.filter((from, p) => from === p).length).toBeLessThan(10); // almost every pixel moves
  });

  it('permuteImage and permuteRows move pixel order[p] to p, the same for every image', () => {
    const order = pixelOrder();
    const X = Matrix.randn(PIXELS, 3, createRng(2)); // (784, 3): three images as columns
    const P = permuteRows(X, order);
    for (const p of [0, 100, 783]) for (let j = 0; j < 3; j++) expect(P.get(p, j)).toBe(X.get(order[p], j));
    const image = Uint8Array.from({ length: PIXELS }, (_, p) => p % 256);
    expect(permuteImage(image, order)[5]).toBe(image[order[5]]);
  });

  it('a network cannot tell: W1 with its columns shuffled the same way gives the same outputs on shuffled images', () => {
    const order = pixelOrder();
    const net = MLP.create({ sizes: [PIXELS, 16, 10], activation: 'relu', init: 'he', seed: 3 });
    const shuffled = net.clone();
    for (let i = 0; i < 16; i++) for (let p = 0; p < PIXELS; p++) shuffled.W[0].set(i, p, net.W[0].get(i, order[p]));
    const X = mnistSubset('test', 0, 20).X;
    const a = net.forward(X).data;
    const b = shuffled.forward(permuteRows(X, order)).data;
    a.forEach((v, k) => expect(b[k]).toBeCloseTo(v, 5)); // only the order of the sum differs
  });
});

describe('training on shuffled pixels', () => {
  it('reaches the same accuracy as on the originals (within 2 points), well above chance', async () => {
    const data = { train: mnistSubset('train', 0, TRAIN_SIZE), heldOut: mnistSubset('train', TRAIN_SIZE, HELD_OUT) };
    const original = await trainOnPixels(data, null, SHUFFLE_CONFIG);
    const shuffled = await trainOnPixels(data, pixelOrder(), SHUFFLE_CONFIG);
    expect(original).toBeGreaterThan(0.85);
    expect(Math.abs(shuffled - original)).toBeLessThan(0.02);
  }, 60_000);
});
