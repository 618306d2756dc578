// Chapter 6: two linear layers without an activation are one linear layer.
// W2·(W1·x + b1) + b2 is computed step by step, and W = W2·W1, b = W2·b1 + b2
// directly; the engine does every product and sum. With ReLU in between the two
// stop agreeing.
import { useMemo, useState } from 'preact/hooks';
import { Matrix, add, createRng, matmul, relu, sub, type Rng } from '../../src/engine';
import MatrixValues from '../ui/MatrixValues';
import './LinearCollapse.css';

/** A small matrix of random values rounded to one decimal, so a reader can redo the sums. */
function small(rows: number, cols: number, rng: Rng): Matrix {
  const M = Matrix.randn(rows, cols, rng);
  M.data.forEach((v, p) => (M.data[p] = Math.round(v * 10) / 10));
  return M;
}

function largestDifference(A: Matrix, B: Matrix): number {
  return Math.max(...Array.from(sub(A, B).data, Math.abs));
}

export default function LinearCollapse() {
  const [seed, setSeed] = useState(1);
  const [withRelu, setWithRelu] = useState(false);
  const r = useMemo(() => {
    const rng = createRng(seed);
    const x = small(3, 1, rng), W1 = small(4, 3, rng), b1 = small(4, 1, rng), W2 = small(2, 4, rng), b2 = small(2, 1, rng);
    const Z1 = add(matmul(W1, x), b1); // (4, 1)
    const A1 = withRelu ? relu.f(Z1) : Z1;
    const twoLayers = add(matmul(W2, A1), b2); // (2, 1)
    const W = matmul(W2, W1); // (2, 4)·(4, 3) → (2, 3)
    const b = add(matmul(W2, b1), b2); // (2, 4)·(4, 1) + (2, 1) → (2, 1)
    const oneLayer = add(matmul(W, x), b);
    return { x, W1, b1, W2, b2, W, b, twoLayers, oneLayer, diff: largestDifference(twoLayers, oneLayer) };
  }, [seed, withRelu]);
  const same = r.diff < 1e-5;

  return (
    <div class="widget lincol" data-testid="linear-collapse">
      <div class="lincol-controls">
        <button type="button" onClick={() => setSeed(seed + 1)}>New random numbers</button>
        <label class="lincol-toggle">
          <input type="checkbox" checked={withRelu} onChange={(e) => setWithRelu((e.target as HTMLInputElement).checked)} />
          put a ReLU between the layers
        </label>
      </div>
      <div class="lincol-row">
        <MatrixValues label="x" M={r.x} id="x" digits={1} />
        <MatrixValues label="W1" M={r.W1} id="W1" digits={1} />
        <MatrixValues label="b1" M={r.b1} id="b1" digits={1} />
        <MatrixValues label="W2" M={r.W2} id="W2" digits={1} />
        <MatrixValues label="b2" M={r.b2} id="b2" digits={1} />
      </div>
      <div class="lincol-row">
        <MatrixValues label="W = W2·W1" M={r.W} id="W" digits={2} tone="result" />
        <MatrixValues label="b = W2·b1 + b2" M={r.b} id="b" digits={2} tone="result" />
        <MatrixValues label={withRelu ? 'W2·ReLU(W1·x + b1) + b2' : 'W2·(W1·x + b1) + b2'} M={r.twoLayers} id="two" digits={3} tone="result" />
        <MatrixValues label="W·x + b" M={r.oneLayer} id="one" digits={3} tone="result" />
      </div>
      <p class={same ? 'lincol-verdict lincol-same' : 'lincol-verdict lincol-differ'} aria-live="polite" data-testid="lincol-verdict">
        {same
          ? `Equal (largest difference ${r.diff.toExponential(1)}, float32 rounding): the two layers are one linear layer.`
          : `Different (largest difference ${r.diff.toFixed(3)}): the ReLU between them breaks the collapse.`}
      </p>
    </div>
  );
}
