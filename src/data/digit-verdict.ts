// What the digit pad says about a drawing. Kept apart from the widget so the rules are unit-tested.
import type { Box } from './preprocess.ts';

/**
 * A mark whose longer side is under a fifth of the pad is too small to read. Preprocessing scales
 * any ink up to fill 20 of 28 pixels, so a dot becomes a big blob, and the network answers with
 * confidence about a shape nobody drew; MNIST digits were written at full size, so a reading of a
 * speck means nothing. A fifth of a 280-pixel pad is 56 pixels: four pen widths, the smallest
 * digit a finger writes on a phone without trying to be tiny.
 */
export const MIN_INK_FRACTION = 1 / 5;

export function tooSmallToRead(box: Box, padWidth: number, padHeight: number): boolean {
  return Math.max(box.width / padWidth, box.height / padHeight) < MIN_INK_FRACTION;
}

/** "an 8", "a 3": the article as the digit is spoken (eight starts with a vowel sound). */
export function withArticle(digit: number): string {
  return `${digit === 8 ? 'an' : 'a'} ${digit}`;
}

/** The verdict sentence for the probabilities A2 of one drawing and the digit the engine's argmax picked. */
export function verdictFor(p: number[], best: number): string {
  return `The network reads ${withArticle(best)}, with probability ${(p[best] * 100).toFixed(1)}%.`;
}
