// Which build of the modules this WebAssembly engine can run (see ./build.ts): the one with relaxed
// SIMD's fused multiply-add where it validates (Chromium, Node), else plain SIMD; none without SIMD.
import { relaxedSimd, simd } from 'wasm-feature-detect';

/** The two builds of each module (./build.ts): plain SIMD, and SIMD with the fused multiply-add. */
export type WasmBuild = 'simd' | 'simd-fma';

/** The build this engine should run, or null where it has no WebAssembly SIMD at all. */
export async function preferredBuild(): Promise<WasmBuild | null> {
  if (!(await simd())) return null;
  return (await relaxedSimd()) ? 'simd-fma' : 'simd';
}
