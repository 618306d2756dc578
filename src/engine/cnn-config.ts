// What a convolutional network is made of, and the shape of everything it computes.
// Layout (the same for every function of the convolutional engine):
// - an image batch is a Matrix (C·H·W, m): one column per example, as X (784, m) in Part I;
//   inside a column the entries run channel by channel, then row by row:
//   the value at channel c, row y, column x is at row c·H·W + y·W + x.
// - a convolution's kernels are a Matrix K (F, C·k·k): one row per filter, its entries at
//   column c·k·k + i·k + j for channel c, kernel row i, kernel column j; its biases b (F, 1).
// - a convolution's output has H_out = ⌊(H + 2·pad − k)/stride⌋ + 1 rows (W_out likewise).
// - max pooling takes non-overlapping size × size windows (stride = size), per channel.
import type { ActivationName } from './activations.ts';
import type { InitName } from './init.ts';
import { ShapeError } from './matrix.ts';

export interface ImageShape {
  channels: number;
  height: number;
  width: number;
}

export type LayerSpec =
  | { type: 'conv'; filters: number; size: number; stride?: number; pad?: number }
  | { type: 'pool'; size: number }
  | { type: 'dense'; units: number };

export interface CNNConfig {
  kind: 'cnn';
  /** One 28×28 grey digit: { channels: 1, height: 28, width: 28 }. */
  input: ImageShape;
  /**
   * In order. Every conv and every dense but the last is followed by the activation; the last
   * layer is dense with one unit per class, and its Z are the logits softmax turns into A_L.
   */
  layers: LayerSpec[];
  activation: ActivationName;
  init: InitName;
  seed: number;
}

/** After a conv or pool layer an image batch has an ImageShape; after a dense layer, units. */
export type LayerShape = ImageShape | { units: number };

export const isImage = (shape: LayerShape): shape is ImageShape => 'channels' in shape;

/** The number of rows a batch has in this shape: C·H·W for images, the units for a dense layer. */
export const rowsOf = (shape: LayerShape): number =>
  isImage(shape) ? shape.channels * shape.height * shape.width : shape.units;

/** H_out of a convolution: ⌊(H + 2·pad − k)/stride⌋ + 1. */
export const convOut = (n: number, size: number, stride = 1, pad = 0): number =>
  Math.floor((n + 2 * pad - size) / stride) + 1;

/**
 * The shape after each layer, input first. For the input 1×28×28 and
 * [conv 8@5×5, pool 2, dense 10]: [1×28×28, 8×24×24, 8×12×12, 10 units].
 * Throws a ShapeError naming the layer when a kernel or window does not fit.
 */
export function layerShapes(config: Pick<CNNConfig, 'input' | 'layers'>): LayerShape[] {
  const shapes: LayerShape[] = [config.input];
  config.layers.forEach((layer, l) => {
    const prev = shapes[shapes.length - 1];
    shapes.push(nextShape(prev, layer, l));
  });
  return shapes;
}

function nextShape(prev: LayerShape, layer: LayerSpec, l: number): LayerShape {
  const where = `layer ${l + 1} (${layer.type})`;
  if (layer.type === 'dense') return { units: layer.units };
  if (!isImage(prev)) throw new ShapeError(`${where}: needs an image, but the layer before it is dense (${prev.units} units)`);
  if (layer.type === 'pool') {
    if (prev.height % layer.size !== 0 || prev.width % layer.size !== 0) {
      throw new ShapeError(`${where}: a ${layer.size}×${layer.size} window does not tile a ${prev.height}×${prev.width} image`);
    }
    return { channels: prev.channels, height: prev.height / layer.size, width: prev.width / layer.size };
  }
  const { size, stride = 1, pad = 0 } = layer;
  const height = convOut(prev.height, size, stride, pad);
  const width = convOut(prev.width, size, stride, pad);
  if (height < 1 || width < 1) {
    throw new ShapeError(`${where}: a ${size}×${size} kernel does not fit a ${prev.height}×${prev.width} image with pad ${pad}`);
  }
  return { channels: layer.filters, height, width };
}
