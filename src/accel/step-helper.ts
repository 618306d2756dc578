// The helper thread of the two-thread fused step (./assembly/threads.ts), for any kind of worker:
// the same module on the same shared memory, laid out by the same setup arguments as thread 0,
// then one call per minibatch until the leader says stop.

interface HelperExports {
  setup(...args: number[]): number;
  helperJoin(): number;
  helperStep(): number;
}

/** Runs thread 1 until the training run ends; returns at once if the run ended before it joined. */
export function runHelper(module: WebAssembly.Module, memory: WebAssembly.Memory, setupArgs: number[]): void {
  const wasm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as HelperExports;
  wasm.setup(...setupArgs);
  if (!wasm.helperJoin()) return;
  while (wasm.helperStep() >= 0); // one exported call per step: V8 optimises a wasm function between calls
}
