// a·b + c on four lanes. Built with --enable relaxed-simd, one fused multiply-add instruction
// (f32x4.relaxed_madd; on CPUs without FMA, V8 emits a multiply and an add). Built without it, a
// multiply and an add: the portable build for browsers without relaxed SIMD. The two may differ
// in the last bit (a fused multiply-add rounds once), which the tests' tolerances allow.

@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
