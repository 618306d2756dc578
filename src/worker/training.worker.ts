// The training worker: loads MNIST once, then runs TrainingSession on the page's messages.
// Training here keeps the page's main thread free to draw.
/// <reference lib="webworker" />
import { loadMnist, type Mnist } from '../data/mnist-browser.ts';
import { loadCnnStepper, loadWasmStepper } from '../accel/browser.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { TrainingSession, validationSize } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let data: Mnist | null = null;
let session: TrainingSession | null = null;
// The WebAssembly step where this browser has WebAssembly SIMD (with a second thread when the page
// is cross-origin isolated), and the one for convolutional networks; without WebAssembly SIMD,
// train() runs the engine's TypeScript step.
const stepper = loadWasmStepper();
const cnnStepper = loadCnnStepper();

async function load(full: boolean): Promise<void> {
  try {
    const loaded = await loadMnist({ full, onProgress: (progress) => post({ type: 'load-progress', progress }) });
    session?.stop();
    data = loaded;
    session = new TrainingSession(loaded, post, (await stepper) ?? undefined, (await cnnStepper) ?? undefined);
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
