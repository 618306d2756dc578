// The optimisers of optimizers.ts on the two-weight toy losses of toy-losses.ts (chapter 13's race
// on the narrow valley): the same update rules the network uses, on a parameter of shape (2, 1).
import { Matrix } from './matrix.ts';
import { createOptimizer, type OptimizerOptions } from './optimizers.ts';
import type { ToyLoss2D } from './toy-losses.ts';

/**
 * The points (w1, w2) visited by `steps` steps of the optimiser with learning rate `eta`, starting
 * point first (so steps + 1 points). Stops early, with a last non-finite point, if the weights blow up.
 */
export function optimizerPath2D(
  loss: ToyLoss2D,
  options: OptimizerOptions,
  eta: number,
  steps: number,
  start: [number, number] = loss.start,
): [number, number][] {
  const w = Matrix.fromColumn(start); // (2, 1)
  const optimizer = createOptimizer(options);
  const path: [number, number][] = [[w.data[0], w.data[1]]];
  for (let t = 0; t < steps; t++) {
    const grad = Matrix.fromColumn(loss.grad(w.data[0], w.data[1]));
    optimizer.step([w], [grad], eta);
    path.push([w.data[0], w.data[1]]);
    if (!(Math.abs(w.data[0]) < 1e6 && Math.abs(w.data[1]) < 1e6)) break;
  }
  return path;
}

/** The first step at which the loss is below `target`, or null if the path never gets there. */
export function stepsToReach(loss: ToyLoss2D, path: [number, number][], target: number): number | null {
  const t = path.findIndex(([w1, w2]) => loss.f(w1, w2) < target);
  return t < 0 ? null : t;
}
