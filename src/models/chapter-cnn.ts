// The convolutional network of chapter 16 and how the training panel trains it: two blocks of
// convolution → ReLU → 2×2 max pooling, then the dense layers of Part I. Small on purpose: about
// 20,000 parameters (the dense network of chapter 12 has 25,000), yet it passes 99% on the test
// set after two epochs, because every weight of a filter is shared by every place in the image.
// Shapes, one digit at a time:
//   1×28×28 → conv 8@5×5 → 8×24×24 → pool 2 → 8×12×12 → conv 16@5×5 → 16×8×8 → pool 2 → 16×4×4
//   → dense 64 → dense 10
import type { CNNConfig, OptimizerOptions } from '../engine/index.ts';

export const CHAPTER_CNN: CNNConfig = {
  kind: 'cnn',
  input: { channels: 1, height: 28, width: 28 },
  layers: [
    { type: 'conv', filters: 8, size: 5 },
    { type: 'pool', size: 2 },
    { type: 'conv', filters: 16, size: 5 },
    { type: 'pool', size: 2 },
    { type: 'dense', units: 64 },
    { type: 'dense', units: 10 },
  ],
  activation: 'relu',
  init: 'he',
  seed: 1,
};

/** Adam at its usual rate; minibatches of 32 (more steps per epoch than 64, at little cost per example). */
export const CHAPTER_CNN_OPTIONS: { epochs: number; learningRate: number; batchSize: number; optimizer: OptimizerOptions; seed: number } = {
  epochs: 3,
  learningRate: 0.001,
  batchSize: 32,
  optimizer: { name: 'adam' },
  seed: 2,
};
