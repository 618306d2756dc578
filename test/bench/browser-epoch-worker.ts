// Runs in Chromium (bundled by test/bench/browser-epoch.ts): one MNIST epoch through the engine's
// train() with each backend, the same work as test/bench/epoch.ts. The runner serves the MNIST
// bytes and the compiled .wasm at http://bench.invalid/ (Playwright routes, nothing on the network).
import { MLP, evaluate, train, type Dataset } from '../../src/engine/index.ts';
import { typescriptKernels, useKernels, type Kernels } from '../../src/engine/backend.ts';
import { wasmKernels, type WasmExports } from '../../src/engine/wasm/kernels-wasm.ts';
import { imagesToMatrix } from '../../src/data/idx.ts';

const SIZES = [784, 128, 10];

async function bytes(name: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`http://bench.invalid/${name}`)).arrayBuffer());
}

async function dataset(split: 'train' | 'test', count: number): Promise<Dataset> {
  const [pixels, labels] = await Promise.all([bytes(`${split}-pixels`), bytes(`${split}-labels`)]);
  return { X: imagesToMatrix(pixels, { start: 0, count }), labels };
}

async function wasmBackend(): Promise<Kernels> {
  const { module, instance } = await WebAssembly.instantiateStreaming(fetch('http://bench.invalid/kernels.wasm'), {});
  return wasmKernels({ module, exports: instance.exports as unknown as WasmExports });
}

/** Best-of-`rounds` epoch seconds (the first round also pays for building the non-zero lists). */
async function epochs(kernels: Kernels, trainSet: Dataset, testSet: Dataset, rounds: number) {
  useKernels(kernels);
  const seconds: number[] = [];
  let accuracy = 0;
  for (let r = 0; r < rounds; r++) {
    const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
    const started = performance.now();
    await train(net, { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 128, seed: 1, yieldEveryMs: 1e9 });
    seconds.push((performance.now() - started) / 1000);
    accuracy = evaluate(net, testSet).accuracy;
  }
  return { backend: kernels.name, seconds, accuracy };
}

(globalThis as unknown as { runBench: unknown }).runBench = async (trainCount: number, wasmRounds: number, typescriptRounds: number) => {
  const [trainSet, testSet] = await Promise.all([dataset('train', trainCount), dataset('test', 10_000)]);
  const wasm = await wasmBackend();
  return {
    userAgent: navigator.userAgent,
    results: [await epochs(wasm, trainSet, testSet, wasmRounds), await epochs(typescriptKernels, trainSet, testSet, typescriptRounds)],
  };
};
