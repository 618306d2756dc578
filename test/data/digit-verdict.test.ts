// The digit pad's sentences: when a mark is too small to read, and the article before a digit.
import { describe, expect, it } from 'vitest';
import { inkBox, toInk } from '../../src/data/preprocess.ts';
import { tooSmallToRead, verdictFor, withArticle } from '../../src/data/digit-verdict.ts';

/** A white 280×280 RGBA canvas with a black rectangle of the given size at (40, 40). */
function canvasWithInk(w: number, h: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(280 * 280 * 4).fill(255);
  for (let y = 40; y < 40 + h; y++) for (let x = 40; x < 40 + w; x++) rgba.set([0, 0, 0, 255], 4 * (y * 280 + x));
  return rgba;
}

describe('digit verdict', () => {
  it('calls a dot too small, and a digit-sized mark readable, from the ink’s bounding box', () => {
    const box = (w: number, h: number) => inkBox(toInk(canvasWithInk(w, h), 280, 280))!;
    expect(box(20, 20)).toEqual({ x: 40, y: 40, width: 20, height: 20 }); // the box is what was inked
    expect(tooSmallToRead(box(20, 20), 280, 280)).toBe(true); // one tap of a 20-pixel pen
    expect(tooSmallToRead(box(55, 30), 280, 280)).toBe(true); // just under a fifth of 280 = 56
    expect(tooSmallToRead(box(56, 30), 280, 280)).toBe(false);
    // A "1" is narrow but tall: its longer side decides.
    expect(tooSmallToRead(box(12, 150), 280, 280)).toBe(false);
  });

  it('says "an 8" and "a 3"', () => {
    expect(withArticle(8)).toBe('an 8');
    for (const d of [0, 1, 2, 3, 4, 5, 6, 7, 9]) expect(withArticle(d)).toBe(`a ${d}`);
    const p = Array.from({ length: 10 }, (_, k) => (k === 8 ? 0.91 : 0.01));
    expect(verdictFor(p, 8)).toBe('The network reads an 8, with probability 91.0%.');
  });
});
