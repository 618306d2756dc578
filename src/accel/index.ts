// The fast path's front door, for any platform: the WebAssembly step as a Stepper for the engine's
// train() and evaluate() (src/engine/step.ts), its second thread, and the matrix products alone
// for chapter 3's race. Loading the compiled modules depends on the platform: ./browser.ts in a
// page or worker bundled by Vite, ./node.ts in Node. Nothing here is installed in the engine by
// itself: whoever wants the fast step passes it as train()'s `stepper` option.
export { wasmStepper, alwaysTwo } from './fused-step.ts';
export type { WasmStepper, StepThreads } from './fused-step.ts';
export { cnnStepper, MAX_BATCH as CNN_MAX_BATCH } from './cnn-step.ts';
export { stepThreads } from './browser-threads.ts';
export { wasmKernels, instantiateSync } from './kernels-wasm.ts';
export type { Kernels, Compiled, WasmExports } from './kernels-wasm.ts';
export { threadTuner } from './thread-tuner.ts';
export type { ThreadTuner } from './thread-tuner.ts';
export { runHelper } from './step-helper.ts';
export { preferredBuild } from './features.ts';
export type { WasmBuild } from './features.ts';
export { PARTS, MAX_SHARED_PAGES } from './limits.ts';
