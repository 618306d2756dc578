// The training worker: loads MNIST once, then runs TrainingSession on the page's messages.
// Training here keeps the page's main thread free to draw.
/// <reference lib="webworker" />
import { loadMnist, type Mnist } from '../data/mnist-browser.ts';
import { kernels, useKernels } from '../engine/backend.ts';
import plainThreadsUrl from '../engine/wasm/build/kernels-threads.wasm?url';
import fmaThreadsUrl from '../engine/wasm/build/kernels-threads-fma.wasm?url';
import { preferredBuild } from '../engine/wasm/features.ts';
import { loadWasmBackend } from '../engine/wasm/load-browser.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { TrainingSession, validationSize } from './session.ts';
import { stepThreads } from './step-threads.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let data: Mnist | null = null;
let session: TrainingSession | null = null;
// The engine's WebAssembly SIMD kernels when this browser has them (else its TypeScript loops), and
// a second thread for the training step when the page is cross-origin isolated.
const backend = loadWasmBackend().then(async (name) => {
  const helper = () => new Worker(new URL('./step-helper.worker.ts', import.meta.url), { type: 'module', name: 'training helper' });
  const threadsUrl = preferredBuild() === 'simd-fma' ? fmaThreadsUrl : plainThreadsUrl;
  const threads = name === 'wasm-simd' ? await stepThreads(threadsUrl, helper) : null;
  if (threads) useKernels({ ...kernels(), stepThreads: threads });
});

async function load(full: boolean): Promise<void> {
  try {
    const loaded = await loadMnist({ full, onProgress: (progress) => post({ type: 'load-progress', progress }) });
    await backend;
    session?.stop();
    data = loaded;
    session = new TrainingSession(loaded, post);
    post({ type: 'loaded', trainCount: loaded.train.count, testCount: loaded.test.count, valSize: validationSize(loaded.train.count) });
  } catch (error) {
    post({ type: 'load-error', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'load') {
    void load(message.full);
    return;
  }
  if (!session || !data) {
    post({ type: 'error', message: 'MNIST is not loaded yet: load it before training.', divergence: false });
    return;
  }
  if (message.type === 'start') void session.start(message.config, message.paused, message.run);
  else if (message.type === 'pause') session.pause();
  else if (message.type === 'resume') session.resume();
  else if (message.type === 'step') session.step();
  else if (message.type === 'stop') session.stop();
};
