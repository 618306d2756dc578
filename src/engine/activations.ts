// Activation functions g, each beside its derivative g′ (with respect to z,
// evaluated at z). The backward pass multiplies by g′(Z): dZ1 = dA1 ⊙ g′(Z1).
import { Matrix } from './matrix.ts';

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'identity';

export interface Activation {
  name: ActivationName;
  f(Z: Matrix): Matrix;
  df(Z: Matrix): Matrix;
}

/** σ(z) = 1 / (1 + e^(−z)), written so that e^(…) never overflows. */
function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Scalar versions, for plots and hand calculations. */
export const scalar: Record<ActivationName, { f(z: number): number; df(z: number): number }> = {
  // σ′(z) = σ(z)(1 − σ(z)) = a(1 − a) in terms of the activation a — NOT z(1 − z).
  sigmoid: { f: sigmoidOf, df: (z) => sigmoidOf(z) * (1 - sigmoidOf(z)) },
  // tanh′(z) = 1 − tanh²(z)
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  // ReLU: slope 1 for z > 0 (no saturation), 0 otherwise (we take g′(0) = 0). No upper bound.
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  // leaky ReLU with α = 0.01: a small slope for z ≤ 0 keeps such a unit learning
  leakyRelu: { f: (z) => (z > 0 ? z : 0.01 * z), df: (z) => (z > 0 ? 1 : 0.01) },
  identity: { f: (z) => z, df: () => 1 },
};

function apply(Z: Matrix, fn: (z: number) => number): Matrix {
  const out = new Matrix(Z.rows, Z.cols);
  for (let i = 0; i < Z.data.length; i++) out.data[i] = fn(Z.data[i]);
  return out;
}

export const sigmoid: Activation = {
  name: 'sigmoid',
  f: (Z) => apply(Z, sigmoidOf),
  df: (Z) => apply(Z, (z) => {
    const a = sigmoidOf(z);
    return a * (1 - a);
  }),
};

export const tanh: Activation = {
  name: 'tanh',
  f: (Z) => apply(Z, Math.tanh),
  df: (Z) => apply(Z, (z) => 1 - Math.tanh(z) ** 2),
};

export const relu: Activation = {
  name: 'relu',
  f: (Z) => apply(Z, (z) => (z > 0 ? z : 0)),
  df: (Z) => apply(Z, (z) => (z > 0 ? 1 : 0)),
};

export const identity: Activation = {
  name: 'identity',
  f: (Z) => Z.clone(),
  df: (Z) => apply(Z, () => 1),
};

/** Leaky ReLU: z for z > 0, α·z otherwise. */
export function leakyRelu(alpha = 0.01): Activation {
  return {
    name: 'leakyRelu',
    f: (Z) => apply(Z, (z) => (z > 0 ? z : alpha * z)),
    df: (Z) => apply(Z, (z) => (z > 0 ? 1 : alpha)),
  };
}

const byName: Record<Exclude<ActivationName, 'leakyRelu'>, Activation> = { sigmoid, tanh, relu, identity };

/** Looks an activation up by name (networks are saved with names, not functions). */
export function activation(name: ActivationName, alpha?: number): Activation {
  if (name === 'leakyRelu') return leakyRelu(alpha);
  const g = byName[name];
  if (!g) throw new Error(`activation: unknown name "${name}"; use sigmoid, tanh, relu, leakyRelu or identity`);
  return g;
}
