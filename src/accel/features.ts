// Which build of the kernels this WebAssembly engine can run (see ./build.ts): the one with relaxed
// SIMD's fused multiply-add where it validates, else plain SIMD. Chromium and Node have relaxed
// SIMD; where a browser lacks it, validating a module that uses it fails, and the plain build runs.

// A module of one function: f32x4.relaxed_madd (opcode 0xfd 0x105) of three v128.const 0.
const ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
export const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () → v128
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x0a, 0x3d, 0x01, 0x3b, 0x00, ...ZERO, ...ZERO, ...ZERO, 0xfd, 0x85, 0x02, 0x0b, // its body
]);

let relaxed: boolean | undefined;

/** Whether this engine has relaxed SIMD (and so the fused multiply-add). */
export function hasRelaxedSimd(): boolean {
  relaxed ??= WebAssembly.validate(RELAXED_PROBE);
  return relaxed;
}

/** The two builds of each module (./build.ts): plain SIMD, and SIMD with the fused multiply-add. */
export type WasmBuild = 'simd' | 'simd-fma';

/** The build this engine should run: the fused multiply-add where relaxed SIMD validates. */
export function preferredBuild(): WasmBuild {
  return hasRelaxedSimd() ? 'simd-fma' : 'simd';
}
