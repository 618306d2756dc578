// What `import … from 'nn'` offers a cell, for the editor's type checker: the engine and the
// browser's MNIST loader. (The object itself is built in nn.ts; train() and evaluate() there keep
// the engine's signatures.) Only its declarations are used: see types/declarations.ts.
export * from '../engine/index.ts';
export { loadMnist } from '../data/mnist-browser.ts';
