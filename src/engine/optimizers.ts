// How a step turns gradients into a change of the parameters (chapter 13). For each parameter P
// with gradient g = dP, η the learning rate and t the step count (1 on the first step):
//   sgd       P ← P − η·g
//   momentum  v ← β·v + g;                       P ← P − η·v
//   rmsprop   s ← β·s + (1 − β)·g²;              P ← P − η·g / (√s + ε)
//   adam      m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;
//             m̂ = m / (1 − β1ᵗ);     v̂ = v / (1 − β2ᵗ);   P ← P − η·m̂ / (√v̂ + ε)
// Squares, roots and divisions are entry by entry. Every state (v, s, m) starts at 0 and has
// the parameter's own shape, so each weight keeps its own velocity and its own scale.
// Momentum's v is a sum, not an average: on a constant gradient it grows to g/(1 − β), so the
// step grows to η·g/(1 − β). That is the form most libraries use; (1 − β)·v is the average.
import type { Matrix } from './matrix.ts';

export type OptimizerOptions =
  | { name: 'sgd' }
  | { name: 'momentum'; beta?: number }
  | { name: 'rmsprop'; beta?: number; epsilon?: number }
  /** biasCorrection: false leaves out the division by 1 − βᵗ (to see why it is there). */
  | { name: 'adam'; beta1?: number; beta2?: number; epsilon?: number; biasCorrection?: boolean };

export type OptimizerName = OptimizerOptions['name'];

/** The usual settings: β = 0.9 for momentum, β = 0.9 for RMSProp, β1 = 0.9, β2 = 0.999 for Adam. */
export const OPTIMIZER_DEFAULTS = {
  momentum: { beta: 0.9 },
  rmsprop: { beta: 0.9, epsilon: 1e-8 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, biasCorrection: true },
} as const;

/** An optimiser with its state: call step() once per minibatch with every parameter and its gradient. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Steps taken so far. */
  readonly t: number;
  /** Updates each params[i] in place from grads[i] (same shapes). */
  step(params: Matrix[], grads: Matrix[], learningRate: number): void;
}

export function createOptimizer(options: OptimizerOptions = { name: 'sgd' }): Optimizer {
  checkOptimizer(options);
  // One state array per parameter, made on first use with the parameter's length.
  const states = new Map<string, Float64Array[]>();
  const state = (key: string, i: number, length: number): Float64Array => {
    const list = states.get(key) ?? [];
    states.set(key, list);
    return (list[i] ??= new Float64Array(length));
  };
  let t = 0;
  const update = updateRule(options);
  return {
    name: options.name,
    get t() {
      return t;
    },
    step(params, grads, learningRate) {
      if (params.length !== grads.length) throw new RangeError(`optimizer: ${params.length} parameters but ${grads.length} gradients`);
      t++;
      params.forEach((P, i) => {
        const g = grads[i];
        if (g.data.length !== P.data.length) throw new RangeError(`optimizer: parameter ${i} has ${P.data.length} entries but its gradient ${g.data.length}`);
        update(P.data, g.data, learningRate, t, (key) => state(key, i, P.data.length));
      });
    },
  };
}

type Update = (P: Float32Array, g: Float32Array, eta: number, t: number, state: (key: string) => Float64Array) => void;

function updateRule(options: OptimizerOptions): Update {
  switch (options.name) {
    case 'sgd':
      return (P, g, eta) => {
        for (let p = 0; p < P.length; p++) P[p] -= eta * g[p];
      };
    case 'momentum': {
      const beta = options.beta ?? OPTIMIZER_DEFAULTS.momentum.beta;
      return (P, g, eta, _t, state) => {
        const v = state('v');
        for (let p = 0; p < P.length; p++) {
          v[p] = beta * v[p] + g[p];
          P[p] -= eta * v[p];
        }
      };
    }
    case 'rmsprop': {
      const { beta, epsilon } = { ...OPTIMIZER_DEFAULTS.rmsprop, ...defined(options) };
      return (P, g, eta, _t, state) => {
        const s = state('s');
        for (let p = 0; p < P.length; p++) {
          s[p] = beta * s[p] + (1 - beta) * g[p] * g[p];
          P[p] -= (eta * g[p]) / (Math.sqrt(s[p]) + epsilon);
        }
      };
    }
    case 'adam': {
      const { beta1, beta2, epsilon, biasCorrection } = { ...OPTIMIZER_DEFAULTS.adam, ...defined(options) };
      return (P, g, eta, t, state) => {
        const m = state('m'), v = state('v');
        // m and v start at 0, so after t steps they hold only (1 − βᵗ) of the gradients' weight
        const c1 = biasCorrection ? 1 - beta1 ** t : 1;
        const c2 = biasCorrection ? 1 - beta2 ** t : 1;
        for (let p = 0; p < P.length; p++) {
          m[p] = beta1 * m[p] + (1 - beta1) * g[p];
          v[p] = beta2 * v[p] + (1 - beta2) * g[p] * g[p];
          const mHat = m[p] / c1, vHat = v[p] / c2;
          P[p] -= (eta * mHat) / (Math.sqrt(vHat) + epsilon);
        }
      };
    }
  }
}

/** The options given, without the keys left undefined (so they do not hide a default). */
function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Throws a clear message for an unknown name or a β outside [0, 1) or an ε ≤ 0. */
export function checkOptimizer(options: OptimizerOptions): void {
  const names: OptimizerName[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
  if (!options || !names.includes(options.name)) {
    throw new RangeError(`optimizer: name must be one of ${names.join(', ')}, got ${JSON.stringify(options?.name)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (key.startsWith('beta') && value !== undefined && !(value >= 0 && value < 1)) {
      throw new RangeError(`optimizer: ${key} must be in [0, 1), got ${value}`);
    }
    if (key === 'epsilon' && value !== undefined && !(value > 0)) throw new RangeError(`optimizer: epsilon must be > 0, got ${value}`);
  }
}
