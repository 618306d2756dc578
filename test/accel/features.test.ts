// Choosing the build of the modules (src/accel/features.ts): the feature test must say what
// validating the real fused multiply-add builds says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preferredBuild } from '../../src/accel/index.ts';

const build = (file: string) => readFileSync(new URL(`../../src/accel/build/${file}`, import.meta.url));

describe('the preferred build', () => {
  it('is the fused multiply-add build exactly where that build validates', async () => {
    const fma = WebAssembly.validate(build('kernels-fma.wasm'));
    expect(WebAssembly.validate(build('kernels-threads-fma.wasm'))).toBe(fma);
    expect(WebAssembly.validate(build('kernels.wasm'))).toBe(true); // the plain build runs wherever SIMD does
    expect(await preferredBuild()).toBe(fma ? 'simd-fma' : 'simd');
  });

  it('is the fused multiply-add build in Node 24 (V8 ships relaxed SIMD)', async () => {
    expect(await preferredBuild()).toBe('simd-fma');
  });
});
