/** Largest |x − y| relative to the largest |y| (float32 sums in a different order differ slightly). */
export function relativeDifference(x: Float32Array, y: Float32Array): number {
  let worst = 0, scale = 1e-30;
  for (let i = 0; i < y.length; i++) {
    worst = Math.max(worst, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return worst / scale;
}
