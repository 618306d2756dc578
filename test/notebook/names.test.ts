import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from '../../src/notebook/names.ts';

describe('the name a typo meant', () => {
  it('counts edits by hand-checked examples', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('W1', 'W1')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers the same name in another letter case, then the closest one', () => {
    expect(nearestName('softMax', ['sigmoid', 'softmax', 'softmaxUnstable'])).toBe('softmax');
    expect(nearestName('matmull', ['matmul', 'matmulTransA'])).toBe('matmul');
    expect(nearestName('pixles', ['pixels', 'label'])).toBe('pixels');
  });

  it('suggests nothing when no name is close', () => {
    expect(nearestName('notAFunction', ['matmul', 'softmax', 'pixels'])).toBeNull();
    expect(nearestName('x', ['W1', 'b1'])).toBeNull();
  });
});
