// The personal test set's scoring, against the engine's own evaluate() on MNIST test images standing
// in for drawings, and against a network whose answer is known by construction.
import { describe, expect, it } from 'vitest';
import { MLP, evaluate, softmax } from '../../src/engine/index.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';
import { digitsToMatrix, scoreDigits, toPixels, type DrawnDigit } from '../../src/data/personal-test.ts';
import { bundledFromJSON } from '../../src/models/bundled.ts';
import bundledFile from '../../src/models/bundled-mlp.json';

/** Test images 0 … n − 1 as if the reader had drawn them, with their true labels. */
function mnistAsDrawn(n: number): DrawnDigit[] {
  const test = loadMnist().test;
  return Array.from({ length: n }, (_, j) => ({ label: test.labels[j], pixels: test.pixels.slice(j * 784, (j + 1) * 784) }));
}

describe('scoring the reader’s own digits', () => {
  it('stacks drawings as columns scaled to [0, 1], exactly as the MNIST loader does', () => {
    const X = digitsToMatrix(mnistAsDrawn(30));
    expect(X.shape).toEqual([784, 30]);
    expect(Array.from(X.data)).toEqual(Array.from(mnistSubset('test', 0, 30).X.data));
  });

  it('gives the accuracy evaluate() gives, and lists exactly the images read wrongly', () => {
    const { net } = bundledFromJSON(bundledFile as never);
    const digits = mnistAsDrawn(500);
    const score = scoreDigits(net, digits);
    expect(score.count).toBe(500);
    expect(score.accuracy).toBeCloseTo(evaluate(net, mnistSubset('test', 0, 500)).accuracy, 10);
    expect(score.correct).toBe(500 - score.mistakes.length);
    expect(score.mistakes.length).toBeGreaterThan(0); // 500 test images hold a few the network misreads
    const A = net.forward(digitsToMatrix(digits));
    for (const m of score.mistakes) {
      expect(m.read).not.toBe(m.label);
      expect(m.label).toBe(digits[m.index].label);
      // the answer it gave is its most probable digit
      for (let k = 0; k < 10; k++) expect(A.get(k, m.index)).toBeLessThanOrEqual(m.probability);
    }
  });

  it('counts a network that always answers 3 right on the 3s only', () => {
    const net = MLP.create({ sizes: [784, 10], activation: 'relu', init: 'small', seed: 1 });
    net.W[0].data.fill(0);
    net.b[0].data[3] = 5; // Z = b for every image, so softmax picks 3
    const labels = [3, 1, 3, 7, 0, 3];
    const digits = labels.map((label) => ({ label, pixels: new Uint8Array(784) }));
    const score = scoreDigits(net, digits);
    expect(score.accuracy).toBe(0.5);
    expect(score.mistakes.map((m) => [m.index, m.label, m.read])).toEqual([[1, 1, 3], [3, 7, 3], [4, 0, 3]]);
    const p3 = softmax(net.b[0]).data[3];
    for (const m of score.mistakes) expect(m.probability).toBeCloseTo(p3, 6);
  });

  it('scores an empty set as nothing, not as a division by zero', () => {
    const net = MLP.create({ sizes: [784, 10], activation: 'relu', init: 'small', seed: 1 });
    expect(scoreDigits(net, [])).toEqual({ count: 0, correct: 0, accuracy: 0, read: [], mistakes: [] });
  });

  it('stores a preprocessed drawing as bytes, rounding and clipping, and refuses a wrong size', () => {
    const x = new Float32Array(784);
    x[0] = 1; x[1] = 0.5; x[2] = 1.2; x[3] = -0.1;
    expect(Array.from(toPixels(x).slice(0, 5))).toEqual([255, 128, 255, 0, 0]);
    expect(() => toPixels(new Float32Array(783))).toThrow(/784 pixels, got 783/);
  });
});
