// Small closed-form loss functions of one or two weights, each beside its gradient,
// for watching gradient descent (chapter 8) where every step can be seen.
// The update is the one of the chapter: w ← w − η·dL/dw (equation "step against the gradient").

/** A loss of one weight w, with its derivative and what makes it interesting. */
export interface ToyLoss1D {
  id: string;
  label: string;
  /** L(w) in TeX, for the caption. */
  tex: string;
  f(w: number): number;
  df(w: number): number;
  /** The w-range worth plotting, and where descent starts. */
  domain: [number, number];
  start: number;
  /** Learning rates that are too small, good, oscillating and diverging on this curve. */
  rates: LearningRatePresets;
}

/** A loss of two weights (w1, w2), with its gradient (∂L/∂w1, ∂L/∂w2). */
export interface ToyLoss2D {
  id: string;
  label: string;
  tex: string;
  f(w1: number, w2: number): number;
  grad(w1: number, w2: number): [number, number];
  /** The square [lo, hi] × [lo, hi] worth plotting, and where descent starts. */
  domain: [number, number];
  start: [number, number];
  rates: LearningRatePresets;
}

export interface LearningRatePresets {
  tooSmall: number;
  good: number;
  oscillating: number;
  diverging: number;
}

/**
 * L(w) = (w − 2)² + 1: a bowl with its minimum at w = 2, where L′ = 2(w − 2) = 0.
 * The curvature is L″ = 2, so a step multiplies the distance to the minimum by
 * (1 − 2η): it shrinks steadily for η < 0.5, flips sign but shrinks for 0.5 < η < 1,
 * and grows for η > 1.
 */
export const bowl: ToyLoss1D = {
  id: 'bowl',
  label: 'A bowl',
  tex: 'L(w) = (w - 2)^2 + 1',
  f: (w) => (w - 2) ** 2 + 1,
  df: (w) => 2 * (w - 2),
  domain: [-3, 7],
  start: -2,
  rates: { tooSmall: 0.02, good: 0.3, oscillating: 0.9, diverging: 1.05 },
};

/**
 * L(w) = w⁴/4 − w² + w/2 + 2: two dips. L′(w) = w³ − 2w + 1/2 is zero three times:
 * at the deep minimum near w = −1.53, at a MAXIMUM near w = 0.26 and at a shallower
 * minimum near w = 1.26. A zero derivative alone does not say which one you are at.
 */
export const twoDips: ToyLoss1D = {
  id: 'two-dips',
  label: 'Two dips',
  tex: 'L(w) = \\tfrac{1}{4}w^4 - w^2 + \\tfrac{1}{2}w + 2',
  f: (w) => w ** 4 / 4 - w ** 2 + w / 2 + 2,
  df: (w) => w ** 3 - 2 * w + 0.5,
  domain: [-2.4, 2.2],
  start: -2,
  rates: { tooSmall: 0.002, good: 0.1, oscillating: 0.35, diverging: 1.2 },
};

/**
 * L(w1, w2) = ½(w1² + 10·w2²): a long, narrow valley with its minimum at (0, 0).
 * The curvatures are 1 along w1 and 10 along w2, so one learning rate must suit
 * both: w2 oscillates once η > 0.1 and diverges once η > 0.2, while w1 still
 * crawls. This is the ill-conditioned surface of chapter 1.
 */
export const narrowValley: ToyLoss2D = {
  id: 'narrow-valley',
  label: 'A narrow valley',
  tex: 'L(w_1, w_2) = \\tfrac{1}{2}\\left(w_1^2 + 10\\,w_2^2\\right)',
  f: (w1, w2) => 0.5 * (w1 ** 2 + 10 * w2 ** 2),
  grad: (w1, w2) => [w1, 10 * w2],
  domain: [-4, 4],
  start: [-3.5, 2.5],
  rates: { tooSmall: 0.01, good: 0.09, oscillating: 0.18, diverging: 0.205 },
};

/**
 * L(w1, w2) = ½w1² − w2² + ¼w2⁴ + 1: two valleys, at (0, ±√2), and between them a
 * SADDLE at (0, 0) where the gradient (w1, w2³ − 2w2) is zero too: a minimum along
 * w1 and a maximum along w2. Descent started on the line w2 = 0 slides into the saddle.
 */
export const saddle: ToyLoss2D = {
  id: 'saddle',
  label: 'Two valleys and a saddle',
  tex: 'L(w_1, w_2) = \\tfrac{1}{2}w_1^2 - w_2^2 + \\tfrac{1}{4}w_2^4 + 1',
  f: (w1, w2) => 0.5 * w1 ** 2 - w2 ** 2 + 0.25 * w2 ** 4 + 1,
  grad: (w1, w2) => [w1, w2 ** 3 - 2 * w2],
  domain: [-2.5, 2.5],
  start: [-2.2, 0.05],
  rates: { tooSmall: 0.01, good: 0.2, oscillating: 0.45, diverging: 1.2 },
};

export const toyLosses1D: ToyLoss1D[] = [bowl, twoDips];
export const toyLosses2D: ToyLoss2D[] = [narrowValley, saddle];

/** One step of gradient descent on a 1-D loss: slope L′(w), step −η·L′(w), new w. */
export function descentStep1D(loss: ToyLoss1D, w: number, eta: number): { slope: number; step: number; w: number } {
  const slope = loss.df(w);
  const step = -eta * slope; // against the gradient
  return { slope, step, w: w + step };
}

/** One step of gradient descent on a 2-D loss: gradient g, step −η·g, new (w1, w2). */
export function descentStep2D(
  loss: ToyLoss2D,
  w: [number, number],
  eta: number,
): { grad: [number, number]; step: [number, number]; w: [number, number] } {
  const grad = loss.grad(w[0], w[1]);
  const step: [number, number] = [-eta * grad[0], -eta * grad[1]];
  return { grad, step, w: [w[0] + step[0], w[1] + step[1]] };
}
