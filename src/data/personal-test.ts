// The reader's own digits as a test set (chapter 15): each drawing, prepared as MNIST was, with the
// label its writer meant. Scoring stacks them into one X (784, n), asks the network for A_L (10, n)
// and compares the engine's argmax with the meant labels. Kept apart from the widget so it is tested.
import { Matrix, accuracy, argmax, type MLP } from '../engine/index.ts';

export interface DrawnDigit {
  /** The digit its writer meant, 0 … 9. */
  label: number;
  /** The 28×28 drawing as MNIST stores an image: 784 bytes, 0 = background, 255 = ink. */
  pixels: Uint8Array;
}

export interface Mistake {
  /** Position in the list of drawn digits. */
  index: number;
  label: number;
  /** What the network read instead, and the probability it gave that answer. */
  read: number;
  probability: number;
}

export interface PersonalScore {
  count: number;
  correct: number;
  accuracy: number;
  /** The network's reading of every digit, in order. */
  read: number[];
  mistakes: Mistake[];
}

/** A preprocessed drawing (784 values in [0, 1]) as the 784 bytes it is stored as. */
export function toPixels(x: ArrayLike<number>): Uint8Array {
  if (x.length !== 784) throw new RangeError(`toPixels: a drawing has 784 pixels, got ${x.length}`);
  return Uint8Array.from(x, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
}

/** X (784, n): one column per drawing, pixels scaled to [0, 1] as the MNIST images are. */
export function digitsToMatrix(digits: DrawnDigit[]): Matrix {
  const n = digits.length;
  const X = new Matrix(784, n);
  digits.forEach(({ pixels }, j) => {
    for (let p = 0; p < 784; p++) X.data[p * n + j] = pixels[p] / 255;
  });
  return X;
}

/** How the network does on the reader's digits: accuracy and every mistake. */
export function scoreDigits(net: MLP, digits: DrawnDigit[]): PersonalScore {
  if (digits.length === 0) return { count: 0, correct: 0, accuracy: 0, read: [], mistakes: [] };
  const A = net.forward(digitsToMatrix(digits)); // (10, n)
  const read = argmax(A, 0);
  const labels = digits.map((d) => d.label);
  const mistakes = read.flatMap((k, j) => (k === labels[j] ? [] : [{ index: j, label: labels[j], read: k, probability: A.get(k, j) }]));
  return { count: digits.length, correct: digits.length - mistakes.length, accuracy: accuracy(read, labels), read, mistakes };
}
