// Backward passes with the bugs that from-scratch tutorials copy, for the GradientCheck
// widget and chapter 10's tests. Each one starts from the engine's correct gradients
// and changes exactly what the buggy code changes; all arithmetic is engine ops.
import {
  Matrix,
  MLP,
  createRng,
  map,
  matmulTransA,
  matmulTransB,
  mul,
  numericalGradient,
  oneHot,
  relativeError,
  scale,
  softmaxCrossEntropyGrad,
  sum,
  sumAll,
  type Gradients,
} from '../../src/engine';

export type Bug = 'none' | 'sign' | 'no-m' | 'scalar-db' | 'z-prime';

export const BUGS: { value: Bug; label: string; code: string }[] = [
  { value: 'none', label: 'correct', code: 'dZ₂ = (A₂ − Y)/m;  db = Σ over columns, keep dims;  σ′ = A₁ ⊙ (1 − A₁)' },
  { value: 'sign', label: 'wrong sign', code: 'dZ₂ = (Y − A₂)/m' },
  { value: 'no-m', label: 'missing 1/m', code: 'dZ₂ = A₂ − Y' },
  // In this chapter's convention the 1/m is already inside dZ₂, so the tutorials' (1/m)·np.sum(dZ) is written without it.
  { value: 'scalar-db', label: 'scalar db', code: 'db = sum of all entries of dZ: one number shared by every bias' },
  { value: 'z-prime', label: 'σ′ as z(1 − z)', code: 'dZ₁ = dA₁ ⊙ Z₁ ⊙ (1 − Z₁)' },
];

/** The gradients a backward pass with `bug` produces for a sigmoid-hidden, softmax-output net. */
export function gradientsWithBug(net: MLP, X: Matrix, Y: Matrix, bug: Bug): Gradients {
  const cache = net.forwardWithCache(X);
  const { dW, db } = net.backward(cache, Y);
  const m = X.cols;
  switch (bug) {
    case 'none':
      return { dW, db };
    case 'sign': // every gradient flips with dZ2
      return { dW: dW.map((G) => scale(G, -1)), db: db.map((G) => scale(G, -1)) };
    case 'no-m': // every gradient is m times too big
      return { dW: dW.map((G) => scale(G, m)), db: db.map((G) => scale(G, m)) };
    case 'scalar-db': // Σ of all of dZ's entries = Σ of db's entries; broadcasting gives it to every bias
      return { dW, db: db.map((G) => map(G, () => sumAll(G))) };
    case 'z-prime': {
      const [Z1] = cache.Z;
      const dA1 = matmulTransA(net.W[1], softmaxCrossEntropyGrad(cache.A[2], Y));
      const dZ1 = mul(dA1, mul(Z1, map(Z1, (z) => 1 - z))); // z(1 − z) where a(1 − a) belongs
      return { dW: [matmulTransB(dZ1, X), dW[1]], db: [sum(dZ1, 1, true), db[1]] };
    }
  }
}

export interface CheckSetup {
  net: MLP;
  X: Matrix;
  Y: Matrix;
  /** Numerical gradients by central differences, by name: dW1, db1, dW2, db2. */
  numeric: Record<string, Matrix>;
}

export const PARAMS = ['dW1', 'db1', 'dW2', 'db2'] as const;

/** A 5 → 4 → 3 sigmoid network, m = 4 examples, and the numerical gradients of its loss. */
export function checkSetup(seed: number): CheckSetup {
  const net = MLP.create({ sizes: [5, 4, 3], activation: 'sigmoid', init: 'xavier', seed });
  const rng = createRng(seed + 1);
  const X = Matrix.randn(5, 4, rng);
  const Y = oneHot(Array.from({ length: 4 }, () => rng.int(3)), 3);
  const loss = () => net.loss(net.forward(X), Y);
  const numeric = {
    dW1: numericalGradient(loss, net.W[0]),
    db1: numericalGradient(loss, net.b[0]),
    dW2: numericalGradient(loss, net.W[1]),
    db2: numericalGradient(loss, net.b[1]),
  };
  return { net, X, Y, numeric };
}

/** Analytic gradients by name, and their relative error against the numerical ones. */
export function compare(setup: CheckSetup, bug: Bug): { name: (typeof PARAMS)[number]; analytic: Matrix; error: number }[] {
  const g = gradientsWithBug(setup.net, setup.X, setup.Y, bug);
  const analytic = { dW1: g.dW[0], db1: g.db[0], dW2: g.dW[1], db2: g.db[1] };
  return PARAMS.map((name) => ({ name, analytic: analytic[name], error: relativeError(analytic[name], setup.numeric[name]) }));
}
