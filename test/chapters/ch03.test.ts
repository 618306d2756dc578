// Chapter 3: the reference loops shown in the chapter compute the engine's product, a batched product
// equals the column-by-column products, and the engine skips the zero pixels of an MNIST batch.
import { describe, expect, it } from 'vitest';
import { Matrix, columns, createRng, matmul, matmulFlat, matmulFlatIKJ, matmulNested } from '../../src/engine/index.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';
import { runChapterCells, shownText } from './chapter-cells.ts';

/** The definition, in float64: C[i][j] = Σ_p A[i][p]·B[p][j]. */
function definition(A: Matrix, B: Matrix): number[] {
  const out: number[] = [];
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let p = 0; p < A.cols; p++) s += A.get(i, p) * B.get(p, j);
      out.push(s);
    }
  }
  return out;
}

describe('chapter 3: reference matrix products', () => {
  const rng = createRng(3);
  const shapes = [[1, 1, 1], [2, 3, 4], [16, 784, 5], [7, 1, 9], [30, 20, 10]];

  it.each(shapes)('nested, flat i-j-p and flat i-k-j all equal the definition and the engine for (%i, %i)·(k, %i)', (n, k, m) => {
    const A = Matrix.randn(n, k, rng), B = Matrix.randn(k, m, rng);
    const expected = definition(A, B);
    const candidates = [
      matmulNested(A.toArray(), B.toArray()).flat(),
      Array.from(matmulFlat(A.data, B.data, n, k, m)),
      Array.from(matmulFlatIKJ(A.data, B.data, n, k, m)),
      Array.from(matmul(A, B).data),
    ];
    for (const got of candidates) {
      expect(got).toHaveLength(n * m);
      got.forEach((v, q) => expect(Math.abs(v - expected[q])).toBeLessThan(1e-3 * Math.max(1, Math.abs(expected[q]))));
    }
  });
});

describe('chapter 3: one product for the whole batch', () => {
  it('column j of W1·X is W1·x_j, and the count of multiply-adds is 16·784·m', () => {
    const rng = createRng(7);
    const W1 = Matrix.randn(16, 784, rng), X = Matrix.randn(784, 5, rng);
    const Z1 = matmul(W1, X);
    expect(Z1.shape).toEqual([16, 5]);
    for (let j = 0; j < 5; j++) {
      const zj = matmul(W1, columns(X, [j]));
      for (let i = 0; i < 16; i++) expect(zj.get(i, 0)).toBe(Z1.get(i, j));
    }
    expect(16 * 784 * 60_000).toBe(752_640_000);
  });

  it('entry (i, j) of a Matrix lives at data[i·cols + j] (row-major)', () => {
    const M = Matrix.fromArray([[1, 2, 3], [4, 5, 6]]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(M.data[i * 3 + j]).toBe(M.get(i, j));
  });
});

describe('chapter 3: the only way below n·k·m is to skip work', () => {
  const { train } = loadMnist();
  const m = 200;
  // X (784, m): the first 200 training images as columns, pixels ÷ 255.
  const X = new Matrix(784, m);
  for (let j = 0; j < m; j++) for (let p = 0; p < 784; p++) X.data[p * m + j] = train.pixels[j * 784 + p] / 255;

  it('about a fifth of the entries of an MNIST batch are non-zero, so skipping zeros leaves about a fifth of the multiply-adds', () => {
    const nonZero = X.data.filter((v) => v !== 0).length / X.data.length;
    expect(nonZero).toBeGreaterThan(0.15);
    expect(nonZero).toBeLessThan(0.25);
  });

  it('the engine never multiplies a zero pixel: a NaN weight on a pixel that is 0 in every image leaves W1·X finite', () => {
    const blank = Array.from({ length: 784 }, (_, p) => p).filter((p) => Array.from({ length: m }, (_, j) => X.get(p, j)).every((v) => v === 0));
    expect(blank).toContain(0); // the top-left corner is background in every image
    const W1 = Matrix.randn(16, 784, createRng(5));
    for (let i = 0; i < 16; i++) W1.set(i, 0, Number.NaN); // NaN·0 is NaN, so only a skipped product stays finite
    const Z1 = matmul(W1, X);
    expect(Z1.data.every(Number.isFinite)).toBe(true);
    // The same product computed term by term, zeros included, is all NaN: the skip is what keeps it finite.
    expect(Number.isNaN(definition(W1, columns(X, [0]))[0])).toBe(true);
  });
});

describe('chapter 3: its cells', () => {
  it('run in order without an error, the timing cell included (its times are not asserted: they depend on the machine)', async () => {
    const runs = await runChapterCells('03-why-vectorise');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.error).toBeUndefined();
    const shown = runs.flatMap(shownText);
    expect(shown.some((t) => /nestedMs: .*engineMs: .*speedUp/s.test(t))).toBe(true);
  });
});
