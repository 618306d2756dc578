// The WebAssembly SIMD matrix products (chapter 3's race) against the engine's readable loops
// (src/engine/kernels.ts), on random shapes that include sizes which are not multiples of 4 (one
// f32x4) or of the 4×8 register tile, both dense and MNIST-like mostly-zero inputs.
import { describe, expect, it } from 'vitest';
import { createRng, kernels as reference } from '../../src/engine/index.ts';
import { nodeWasmKernels } from '../../src/accel/node.ts';
import { relativeDifference } from '../engine/relative-difference.ts';

const wasm = await nodeWasmKernels();

function random(length: number, seed: number, zeros = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => (rng.next() < zeros ? 0 : rng.randn()));
}

// (n, k, m): odd sizes, 1, sizes just past a multiple of 4 or 8, and the network's own.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 13], [7, 3, 33], [13, 17, 11], [9, 31, 6], [128, 784, 37], [10, 128, 129], [33, 65, 17],
];
const SPARSITY = [0, 0.8];

type Form = 'matmul' | 'matmulTransA' | 'matmulTransB';
/** Lengths of a and b for each form, given the output (n, m) and the shared size k. */
const operands: Record<Form, (n: number, k: number, m: number) => [number, number, [number, number, number]]> = {
  matmul: (n, k, m) => [n * k, k * m, [n, k, m]],
  matmulTransA: (n, k, m) => [k * n, k * m, [k, n, m]],
  matmulTransB: (n, k, m) => [n * k, m * k, [n, k, m]],
};

describe('WebAssembly SIMD kernels', () => {
  it('load in Node', () => {
    expect(wasm).not.toBeNull();
  });

  for (const form of ['matmul', 'matmulTransA', 'matmulTransB'] as Form[]) {
    for (const zeros of SPARSITY) {
      it(`${form} equals the reference on odd shapes (${zeros * 100}% zeros in B)`, () => {
        SHAPES.forEach(([n, k, m], s) => {
          const [aLength, bLength, dims] = operands[form](n, k, m);
          const a = random(aLength, 10 + s), b = random(bLength, 100 + s, zeros);
          const expected = new Float32Array(n * m), got = new Float32Array(n * m).fill(NaN);
          reference[form](a, b, expected, ...dims);
          wasm![form](a, b, got, ...dims);
          expect(relativeDifference(got, expected), `${form} (${n}, ${k}, ${m})`).toBeLessThan(1e-5);
        });
      });
    }
  }

  it('keep working after the module memory grows (views are made after growing)', () => {
    const small = random(4 * 4, 1), big = random(300 * 784, 2, 0.8), w = random(128 * 300, 3);
    const c1 = new Float32Array(16);
    wasm!.matmul(small, small, c1, 4, 4, 4);
    const c2 = new Float32Array(128 * 784), e2 = new Float32Array(128 * 784);
    wasm!.matmul(w, big, c2, 128, 300, 784);
    reference.matmul(w, big, e2, 128, 300, 784);
    expect(relativeDifference(c2, e2)).toBeLessThan(1e-5);
    const again = new Float32Array(16), expected = new Float32Array(16);
    wasm!.matmul(small, small, again, 4, 4, 4);
    reference.matmul(small, small, expected, 4, 4, 4);
    expect(relativeDifference(again, expected)).toBeLessThan(1e-6);
  });
});
