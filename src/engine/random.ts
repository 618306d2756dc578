// Seeded randomness. Every random number in the project flows from here, so a seed
// reproduces a whole run: the initial weights, the shuffles, the chosen examples.

export interface Rng {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A normally distributed float: mean 0, variance 1 (NOT an integer). */
  randn(): number;
  /** A uniform integer in 0 … n−1. */
  int(n: number): number;
  /** Shuffle in place (Fisher–Yates): every order equally likely. */
  shuffle<T>(a: T[] | Uint32Array | Int32Array): void;
}

/**
 * A small, fast generator: mulberry32 (32 bits of state) for uniforms, and the
 * Box–Muller transform to turn two uniforms into two independent normals.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | null = null; // Box–Muller makes normals in pairs; keep the second

  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function randn(): number {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const u1 = 1 - next(); // in (0, 1], so log(u1) is finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  function int(n: number): number {
    return Math.floor(next() * n);
  }

  function shuffle<T>(a: T[] | Uint32Array | Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  return { next, randn, int, shuffle };
}
