// The convolutional network of chapter 16 and how the training panel trains it: two blocks of
// convolution → ReLU → 2×2 max pooling, then the dense layers of Part I. Shapes, one digit at a time:
//   1×28×28 → conv 12@5×5 → 12×24×24 → pool 2 → 12×12×12 → conv 24@5×5 → 24×8×8 → pool 2 → 24×4×4
//   → dense 64 → dense 10
// Chosen by measurement with the WebAssembly CNN step (50,000 training images, Adam at η = 0.001,
// batch 32): half these filters (8 and 16) cost half as much per epoch but stayed near 98.5% test
// accuracy after five epochs; these reach about 99% in seven.
import type { CNNConfig, OptimizerOptions } from '../engine/index.ts';

export const CHAPTER_CNN: CNNConfig = {
  kind: 'cnn',
  input: { channels: 1, height: 28, width: 28 },
  layers: [
    { type: 'conv', filters: 12, size: 5 },
    { type: 'pool', size: 2 },
    { type: 'conv', filters: 24, size: 5 },
    { type: 'pool', size: 2 },
    { type: 'dense', units: 64 },
    { type: 'dense', units: 10 },
  ],
  activation: 'relu',
  init: 'he',
  seed: 1,
};

/** Adam at its usual rate, minibatches of 32, seven epochs. */
export const CHAPTER_CNN_OPTIONS: { epochs: number; learningRate: number; batchSize: number; optimizer: OptimizerOptions; seed: number } = {
  epochs: 7,
  learningRate: 0.001,
  batchSize: 32,
  optimizer: { name: 'adam' },
  seed: 2,
};

/** The layers in a line: "conv 12@5×5 → pool 2 → conv 24@5×5 → pool 2 → dense 64 → dense 10". */
export function describeLayers(config: Pick<CNNConfig, 'layers'> = CHAPTER_CNN): string {
  return config.layers
    .map((layer) => (layer.type === 'conv' ? `conv ${layer.filters}@${layer.size}×${layer.size}` : layer.type === 'pool' ? `pool ${layer.size}` : `dense ${layer.units}`))
    .join(' → ');
}
