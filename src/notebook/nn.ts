// What `import … from 'nn'` gives a cell: the whole engine plus the browser's MNIST loader, with
// train() and evaluate() on the WebAssembly step where this browser has it, as the training panel.
import * as engine from '../engine/index.ts';
import type { Dataset, MLP, Progress, Stepper, TrainData, TrainOptions } from '../engine/index.ts';

// The loader lives in src/data/mnist-browser.ts; a glob (not an import) keeps this module building
// while that file is absent, and cells then get a loadMnist that says so.
const loaders = import.meta.glob('../data/mnist-browser.ts');

/**
 * train() and evaluate() that default to `fast`. The fast step keeps a copy of each dataset it is
 * given, known by identity; a cell may change X in place between runs, so each call lets go of
 * its copies when it ends.
 */
export function withStepper(fast: Stepper & { release(): void }) {
  return {
    async train(net: MLP, data: TrainData, options: TrainOptions, onProgress?: (p: Progress) => void) {
      try {
        return await engine.train(net, data, { stepper: fast, ...options }, onProgress);
      } finally {
        fast.release();
      }
    },
    evaluate(net: MLP, data: Dataset, stepper: Stepper = fast) {
      try {
        return engine.evaluate(net, data, stepper);
      } finally {
        fast.release();
      }
    },
  };
}

export async function nnModule(): Promise<Record<string, unknown>> {
  const load = loaders['../data/mnist-browser.ts'];
  const data = load ? ((await load()) as Record<string, unknown>) : {};
  const loadMnist = data.loadMnist ?? (() => Promise.reject(new Error('loadMnist is not available on this site yet')));
  const { loadWasmStepper } = await import('../accel/browser.ts');
  const fast = await loadWasmStepper();
  return Object.freeze({ ...engine, ...(fast ? withStepper(fast) : {}), loadMnist });
}
