// The helper thread of the two-thread training step (see ./browser-threads.ts): for each training run
// it is sent, runs its share of every minibatch until the run ends, then waits for the next run.
/// <reference lib="webworker" />
import { runHelper } from './step-helper.ts';

export interface HelperStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  setupArgs: number[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<HelperStart>) => {
  const { module, memory, setupArgs } = event.data;
  runHelper(module, memory, setupArgs);
};
