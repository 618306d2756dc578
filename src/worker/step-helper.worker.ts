// The helper thread of the two-thread training step (see ./step-threads.ts): runs its share of every
// minibatch until the training run ends, then closes.
/// <reference lib="webworker" />
import { runHelper } from '../engine/wasm/step-helper.ts';

export interface HelperStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  setupArgs: number[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<HelperStart>) => {
  const { module, memory, setupArgs } = event.data;
  runHelper(module, memory, setupArgs);
  scope.close();
};
