// What chapter 16's LearnedFilters widget shows, computed by the engine's CNN: the first layer's
// kernels, one digit's feature maps after that layer's ReLU, and the network's reading of the digit.
import { CNN, Matrix, argmax, isImage } from '../../src/engine/index.ts';

export interface FirstLayer {
  /** The filters' side k and the maps' side H_out. */
  k: number;
  side: number;
  /** Kernel f of layer 1, k·k numbers row by row (row f of K1). */
  filters: Float32Array[];
  /** A1[f] = ReLU(Z1[f]) for this digit, H_out·H_out numbers row by row. */
  maps: Float32Array[];
  predicted: number;
  /** The network's probability for its answer. */
  confidence: number;
}

export function firstLayer(net: CNN, pixels: Uint8Array): FirstLayer {
  const layer = net.config.layers[0];
  const shape = net.shapes[1];
  if (layer.type !== 'conv' || !isImage(shape)) throw new Error('the network does not start with a convolution');
  const X = new Matrix(784, 1, Float32Array.from(pixels, (v) => v / 255));
  const { A } = net.forwardWithCache(X);
  const K1 = net.W[0], A1 = A[1].data, AL = A[A.length - 1];
  const plane = shape.height * shape.width;
  const predicted = argmax(AL, 0)[0];
  return {
    k: layer.size,
    side: shape.height,
    filters: Array.from({ length: K1.rows }, (_, f) => K1.data.slice(f * K1.cols, (f + 1) * K1.cols)),
    maps: Array.from({ length: shape.channels }, (_, f) => A1.slice(f * plane, (f + 1) * plane)),
    predicted,
    confidence: AL.get(predicted, 0),
  };
}
