// Choosing the build of the kernels (src/accel/features.ts): the probe for relaxed SIMD must say what
// validating the real fused multiply-add build says, and must not validate just anything.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELAXED_PROBE, hasRelaxedSimd, preferredBuild } from '../../src/accel/index.ts';

const build = (file: string) => readFileSync(new URL(`../../src/accel/build/${file}`, import.meta.url));

describe('the relaxed SIMD probe', () => {
  it('agrees with validating the builds that use the fused multiply-add', () => {
    expect(hasRelaxedSimd()).toBe(WebAssembly.validate(build('kernels-fma.wasm')));
    expect(hasRelaxedSimd()).toBe(WebAssembly.validate(build('kernels-threads-fma.wasm')));
    expect(WebAssembly.validate(build('kernels.wasm'))).toBe(true); // the plain build runs wherever SIMD does
  });

  it('finds relaxed SIMD in Node 24 (V8 ships it), so Node runs the fused multiply-add build', () => {
    expect(hasRelaxedSimd()).toBe(true);
    expect(preferredBuild()).toBe('simd-fma');
  });

  it('is a well-formed module whose validity hangs on its one relaxed instruction', () => {
    const at = RELAXED_PROBE.length - 4; // 0xfd 0x85 0x02 (f32x4.relaxed_madd), then end
    expect([...RELAXED_PROBE.subarray(at)]).toEqual([0xfd, 0x85, 0x02, 0x0b]);
    const withOpcode = (a: number, b: number) => Uint8Array.from(RELAXED_PROBE, (byte, i) => (i === at + 1 ? a : i === at + 2 ? b : byte));
    expect(WebAssembly.validate(withOpcode(0xd2, 0x00))).toBe(true); // v128.bitselect (0x52), also three v128 in, one out
    expect(WebAssembly.validate(withOpcode(0xff, 0x03))).toBe(false); // no such instruction
  });
});
