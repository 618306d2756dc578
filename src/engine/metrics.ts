// Labels ↔ one-hot columns, and how to score predictions.
import { Matrix, argmax } from './matrix.ts';

/** A label is a whole number 0 … classes−1; anything else gets a message naming it and where it is. */
function checkLabel(op: string, value: number, index: number, classes: number): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`${op}: label ${value} at index ${index} is not a whole number`);
  }
  if (value < 0 || value >= classes) {
    throw new RangeError(
      `${op}: label ${value} at index ${index} is out of range; labels must be 0 to ${classes - 1} for ${classes} classes`,
    );
  }
}

/** Labels [5, 0, 4] → Y (classes, m): column j is all zeros except a 1 in row labels[j]. */
export function oneHot(labels: ArrayLike<number>, classes = 10): Matrix {
  const m = labels.length;
  const Y = new Matrix(classes, m);
  for (let j = 0; j < m; j++) {
    checkLabel('oneHot', labels[j], j, classes);
    Y.data[labels[j] * m + j] = 1;
  }
  return Y;
}

/** Y (classes, m) → the label of each column: argmax down axis 0. */
export function fromOneHot(Y: Matrix): number[] {
  return argmax(Y, 0);
}

function sameLength(op: string, predicted: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (predicted.length !== labels.length) {
    throw new RangeError(`${op}: ${predicted.length} predictions but ${labels.length} labels`);
  }
}

/** The fraction of predictions equal to their labels, in [0, 1]. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  sameLength('accuracy', predicted, labels);
  if (labels.length === 0) throw new RangeError('accuracy: no examples to score');
  let correct = 0;
  for (let j = 0; j < labels.length; j++) if (predicted[j] === labels[j]) correct++;
  return correct / labels.length;
}

/**
 * The predicted digit for each column of X: argmax over axis 0 (down each
 * column) of the network's output, because every column is one example.
 */
export function predict(net: { forward(X: Matrix): Matrix }, X: Matrix): number[] {
  return argmax(net.forward(X), 0);
}

/** counts[true label][predicted label]: the diagonal holds the correct answers. */
export function confusionMatrix(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes = 10): number[][] {
  sameLength('confusionMatrix', predicted, labels);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let j = 0; j < labels.length; j++) {
    checkLabel('confusionMatrix', labels[j], j, classes);
    checkLabel('confusionMatrix', predicted[j], j, classes);
    counts[labels[j]][predicted[j]]++;
  }
  return counts;
}
