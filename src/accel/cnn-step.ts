// The WebAssembly step for convolutional networks, as a Stepper (the engine's seam,
// src/engine/step.ts). Each layer's forward and backward pass is one call into the module's SIMD
// kernels (./assembly/cnn.ts); this file lays out the buffers, strings the calls together in the
// order of the network's layers, and leaves the update to the engine's own optimisers
// (createOptimizer, decayGradients), run on views of the module's memory: the update touches each
// of the tens of thousands of parameters a few times per step, the layers do tens of millions of
// multiply-adds per minibatch, and sharing it keeps SGD, momentum, RMSProp, Adam and weight decay
// exactly the engine's.
//
// Every run gets its own instance of the one-thread module, so a run's buffers are laid out once
// and the memory never grows under the views made of it.
//
// The training images are read in a random order every epoch. The engine's X (C·H·W, m) keeps an
// image's pixels a whole row apart, so each step would gather them from all over memory; instead
// each training set is copied once, example after example (held per X, as long as X lives).
import {
  CNN, createOptimizer, decayGradients, Matrix, rowsOf,
  type ImageShape, type Network, type StepOption, type StepPlan, type StepRun, type Stepper,
} from '../engine/index.ts';

/** The module's exports this step calls (see ./assembly/cnn.ts). */
interface CNNExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  convForward(x: number, m: number, C: number, H: number, W: number, F: number, k: number, stride: number, pad: number, K: number, b: number, out: number, cols: number): void;
  convBackward(dZ: number, m: number, C: number, H: number, W: number, F: number, k: number, stride: number, pad: number, K: number, cols: number, dK: number, db: number, dx: number, dcol: number): void;
  poolForward(x: number, planes: number, H: number, W: number, size: number, out: number): void;
  poolBackward(dOut: number, out: number, planes: number, H: number, W: number, size: number, x: number, dx: number): void;
  reluMask(d: number, a: number, n: number): void;
  denseForward(a: number, m: number, inputs: number, W: number, b: number, units: number, z: number, relu: boolean): void;
  denseBackward(dz: number, m: number, inputs: number, units: number, a: number, W: number, dW: number, db: number, da: number): void;
  softmaxLoss(z: number, m: number, C: number, labels: number, dz: number): number;
  cnnCorrect(): number;
}

/** The largest minibatch a training run takes (its buffers grow with it); measurements go in pieces of this many. */
export const MAX_BATCH = 512;

const SUPPORTS: readonly StepOption[] = ['learningRate', 'batchSize', 'optimizer', 'weightDecay'];

export function cnnStepper(module: WebAssembly.Module): Stepper<Network> {
  const byExample = new WeakMap<Matrix, Float32Array>();
  return {
    name: 'WebAssembly CNN step',
    supports: SUPPORTS,
    networks: ['cnn'],
    lacks,
    open(plan) {
      const X = plan.data.X;
      let copy = byExample.get(X);
      if (!copy) byExample.set(X, (copy = examplesAsRows(X)));
      return openRun(new WebAssembly.Instance(module, {}).exports as unknown as CNNExports, plan, copy);
    },
  };
}

/** Why this step cannot compute the plan's steps as the reference step does, or null. */
function lacks({ net, data, batchSize, learningRate }: StepPlan<Network>): string | null {
  if (!(net instanceof CNN)) return 'the WebAssembly CNN step trains convolutional networks only';
  const { config, shapes, classes } = net;
  if (config.activation !== 'relu') return `the WebAssembly CNN step has ReLU units only, not ${config.activation}`;
  if (data.X.rows !== rowsOf(shapes[0])) return `the network reads ${rowsOf(shapes[0])} inputs but X has ${data.X.rows} rows`;
  if (config.layers[config.layers.length - 1].type !== 'dense' || classes > 255) return 'the WebAssembly CNN step ends in a dense layer of at most 255 classes';
  if (learningRate > 0 && batchSize > MAX_BATCH) return `the WebAssembly CNN step takes minibatches of at most ${MAX_BATCH}`;
  const { labels } = data;
  for (let e = 0; e < labels.length; e++) {
    if (!(Number.isInteger(labels[e]) && labels[e] >= 0 && labels[e] < classes)) return `label ${labels[e]} is not a class 0 … ${classes - 1}`;
  }
  return null;
}

/** X (rows, m) as m rows one after the other: example e's numbers at e·rows … (e + 1)·rows − 1. */
function examplesAsRows(X: Matrix): Float32Array {
  const { rows, cols, data } = X, out = new Float32Array(rows * cols);
  const BLOCK = 64; // a block of columns at a time, so both sides stay in cache
  for (let e0 = 0; e0 < cols; e0 += BLOCK) {
    const e1 = Math.min(cols, e0 + BLOCK);
    for (let p = 0; p < rows; p++) {
      for (let e = e0, o = p * cols; e < e1; e++) out[e * rows + p] = data[o + e];
    }
  }
  return out;
}

/** Byte offsets of buffers in the module's memory, 16-byte aligned, handed out one after another. */
function allocator(start: number) {
  let end = (start + 15) & ~15;
  return {
    take(bytes: number): number {
      const at = end;
      end += (bytes + 15) & ~15;
      return at;
    },
    get end() {
      return end;
    },
  };
}

/** One layer's buffers in the module (byte offsets; 0 where it has none). */
interface LayerBuffers {
  /** Its weights and biases, and their gradients (conv and dense). */
  W: number; b: number; dW: number; db: number;
  /** A conv layer's cols for the whole batch and one example's dcol. */
  cols: number; dcol: number;
}

function openRun(wasm: CNNExports, plan: StepPlan<Network>, byExample: Float32Array): StepRun {
  const net = plan.net as CNN, { data, learningRate } = plan; // a CNN: lacks() said so
  const { layers } = net.config, shapes = net.shapes, L = layers.length;
  const rows = shapes.map(rowsOf), classes = rows[L];
  const B = Math.min(plan.batchSize, MAX_BATCH);
  // Lay everything out, grow the memory once, then make the views.
  const heap = allocator(wasm.heapBase());
  const labels = heap.take(B);
  const act = rows.map((n) => heap.take(B * n * 4)); // act[l]: layer l's input (act[0] the images, act[L] the logits)
  const grad = rows.map((n, l) => (l === 0 ? 0 : heap.take(B * n * 4))); // the gradient at act[l]
  const buffers: LayerBuffers[] = layers.map((layer, l) => {
    const none = { W: 0, b: 0, dW: 0, db: 0, cols: 0, dcol: 0 };
    if (layer.type === 'pool') return none;
    const [wRows, wCols] = layer.type === 'conv' ? [layer.filters, (shapes[l] as ImageShape).channels * layer.size * layer.size] : [layer.units, rows[l]];
    const weights = { W: heap.take(wRows * wCols * 4), b: heap.take(wRows * 4), dW: heap.take(wRows * wCols * 4), db: heap.take(wRows * 4) };
    if (layer.type === 'dense') return { ...none, ...weights };
    const P = rows[l + 1] / layer.filters;
    return { ...none, ...weights, cols: heap.take(B * wCols * P * 4), dcol: l > 0 ? heap.take(wCols * P * 4) : 0 };
  });
  const { memory } = wasm;
  if (heap.end > memory.buffer.byteLength) memory.grow(Math.ceil((heap.end - memory.buffer.byteLength) / 65536));
  const { buffer } = memory;
  const view = (at: number, like: Matrix) => new Matrix(like.rows, like.cols, new Float32Array(buffer, at, like.data.length));
  const withWeights = buffers.filter((_, l) => layers[l].type !== 'pool');
  const W = withWeights.map((bufs, s) => view(bufs.W, net.W[s])), b = withWeights.map((bufs, s) => view(bufs.b, net.b[s]));
  const dW = withWeights.map((bufs, s) => view(bufs.dW, net.W[s])), db = withWeights.map((bufs, s) => view(bufs.db, net.b[s]));
  W.forEach((Ws, s) => Ws.data.set(net.W[s].data));
  b.forEach((bs, s) => bs.data.set(net.b[s].data));
  const update = createOptimizer(plan.optimizer ?? { name: 'sgd' });
  const lambda = plan.weightDecay ?? 0;
  const images = new Float32Array(buffer, act[0], B * rows[0]), batchLabels = new Uint8Array(buffer, labels, B);
  let order: Uint32Array = new Uint32Array(0);

  /** Forward through every layer and the loss on the `count` examples in act[0]; the summed loss. */
  function forward(count: number): number {
    layers.forEach((layer, l) => {
      const bufs = buffers[l], input = shapes[l] as ImageShape;
      if (layer.type === 'conv') {
        const { stride = 1, pad = 0 } = layer;
        wasm.convForward(act[l], count, input.channels, input.height, input.width, layer.filters, layer.size, stride, pad, bufs.W, bufs.b, act[l + 1], bufs.cols);
      } else if (layer.type === 'pool') {
        wasm.poolForward(act[l], count * input.channels, input.height, input.width, layer.size, act[l + 1]);
      } else {
        wasm.denseForward(act[l], count, rows[l], bufs.W, bufs.b, layer.units, act[l + 1], l < L - 1);
      }
    });
    return wasm.softmaxLoss(act[L], count, classes, labels, grad[L]);
  }

  /** Backward through every layer, from grad[L] = dZ_L, filling every dW and db. */
  function backward(count: number): void {
    for (let l = L - 1; l >= 0; l--) {
      const layer = layers[l], bufs = buffers[l], input = shapes[l] as ImageShape;
      // the gradient at this layer's output becomes dZ: through ReLU, except after a pool layer or at the logits
      if (l < L - 1 && layer.type !== 'pool') wasm.reluMask(grad[l + 1], act[l + 1], count * rows[l + 1]);
      const dx = l > 0 ? grad[l] : 0;
      if (layer.type === 'conv') {
        const { stride = 1, pad = 0 } = layer;
        wasm.convBackward(grad[l + 1], count, input.channels, input.height, input.width, layer.filters, layer.size, stride, pad, bufs.W, bufs.cols, bufs.dW, bufs.db, dx, bufs.dcol);
      } else if (layer.type === 'pool') {
        if (dx) wasm.poolBackward(grad[l + 1], act[l + 1], count * input.channels, input.height, input.width, layer.size, act[l], dx);
      } else {
        wasm.denseBackward(grad[l + 1], count, rows[l], layer.units, act[l], bufs.W, bufs.dW, bufs.db, dx);
      }
    }
  }

  return {
    arrange(shuffled) {
      order = shuffled;
    },
    step(start, count) {
      if (count > B) throw new RangeError(`WebAssembly CNN step: a minibatch of ${count} is larger than the plan's ${B}`);
      const n = rows[0];
      for (let j = 0; j < count; j++) {
        const e = order[start + j];
        images.set(byExample.subarray(e * n, (e + 1) * n), j * n);
        batchLabels[j] = data.labels[e];
      }
      const loss = forward(count) / count, correct = wasm.cnnCorrect();
      backward(count);
      const grads = lambda > 0 ? decayGradients(dW, W, lambda) : dW;
      update.step(W.flatMap((Ws, s) => [Ws, b[s]]), grads.flatMap((g, s) => [g, db[s]]), learningRate);
      return { loss, correct };
    },
    measure(start, count) {
      let lossSum = 0, correct = 0;
      const n = rows[0];
      for (let at = start; at < start + count; at += B) {
        const m = Math.min(B, start + count - at);
        images.set(byExample.subarray(at * n, (at + m) * n));
        batchLabels.set(Array.from({ length: m }, (_, j) => data.labels[at + j]));
        lossSum += forward(m);
        correct += wasm.cnnCorrect();
      }
      return { loss: lossSum / count, correct };
    },
    readBack() {
      W.forEach((Ws, s) => net.W[s].data.set(Ws.data));
      b.forEach((bs, s) => net.b[s].data.set(bs.data));
    },
    threads: () => 1,
    close() {},
  };
}

