// Chapter 11's small search: three learning rates × two hidden widths, each a short run on the same
// images, compared on the validation images, and the best kept. All training and measuring is the
// engine's (train, evaluate); this file only lays out the grid and picks the winner. Nothing here
// touches the test images: the final test belongs to the worker, for the chosen network only.
import { DivergenceError, MLP, evaluate, train, type Dataset, type StepReport, type Stepper } from '../engine/index.ts';

export const SEARCH = {
  learningRates: [0.01, 0.1, 0.5],
  widths: [16, 64],
  /** The first 2,000 training images train every cell... */
  trainSize: 2000,
  /** ...and images 8,000–9,999 (the training panel's validation images) compare them. */
  valStart: 8000,
  valSize: 2000,
  epochs: 3,
  batchSize: 32,
  seed: 1,
} as const;

export interface Cell {
  width: number;
  learningRate: number;
}

/** Row by row: the widths down the side, the learning rates across. */
export const CELLS: Cell[] = SEARCH.widths.flatMap((width) => SEARCH.learningRates.map((learningRate) => ({ width, learningRate })));

export type CellResult =
  | { kind: 'done'; valLoss: number; valAccuracy: number; step: StepReport }
  | { kind: 'diverged'; message: string };

/** One cell's run: a 784 → width → 10 ReLU network, the same seed (same shuffles) for every cell. */
export async function trainCell(
  cell: Cell,
  data: { train: Dataset; val: Dataset },
  stepper?: Stepper,
  signal?: AbortSignal,
  onBatch?: (seen: number) => void,
): Promise<{ net: MLP; result: CellResult }> {
  const net = MLP.create({ sizes: [784, cell.width, 10], activation: 'relu', init: 'he', seed: SEARCH.seed });
  let seen = 0;
  try {
    const run = await train(
      net,
      { train: data.train },
      { epochs: SEARCH.epochs, learningRate: cell.learningRate, batchSize: SEARCH.batchSize, seed: SEARCH.seed, signal, stepper },
      (p) => {
        if (p.kind !== 'batch') return;
        seen += Math.min(SEARCH.batchSize, data.train.X.cols - (p.batch - 1) * SEARCH.batchSize);
        onBatch?.(seen);
      },
    );
    // Validated once, after the last epoch: every cell is judged on the same images at the same point.
    const val = evaluate(net, data.val, stepper);
    return { net, result: { kind: 'done', valLoss: val.loss, valAccuracy: val.accuracy, step: run.step } };
  } catch (error) {
    if (error instanceof DivergenceError) return { net, result: { kind: 'diverged', message: error.message } };
    throw error;
  }
}

/**
 * The cell to keep: the highest validation accuracy (the number the final test will measure), and
 * between equal accuracies the lower validation loss (the more confident of the two). A diverged cell
 * is never chosen. -1 while no cell has finished.
 */
export function chooseCell(results: (CellResult | null | undefined)[]): number {
  let best = -1;
  results.forEach((r, i) => {
    if (r?.kind !== 'done') return;
    const b = results[best];
    if (best < 0 || b?.kind !== 'done' || r.valAccuracy > b.valAccuracy || (r.valAccuracy === b.valAccuracy && r.valLoss < b.valLoss)) best = i;
  });
  return best;
}
