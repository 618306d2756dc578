// What `import … from 'nn'` gives a cell: the whole engine plus the browser's MNIST loader.
import * as engine from '../engine/index.ts';

// The loader lives in src/data/mnist-browser.ts; a glob (not an import) keeps this module building
// while that file is absent, and cells then get a loadMnist that says so.
const loaders = import.meta.glob('../data/mnist-browser.ts');

export async function nnModule(): Promise<Record<string, unknown>> {
  const load = loaders['../data/mnist-browser.ts'];
  const data = load ? ((await load()) as Record<string, unknown>) : {};
  const loadMnist = data.loadMnist ?? (() => Promise.reject(new Error('loadMnist is not available on this site yet')));
  return Object.freeze({ ...engine, loadMnist });
}
