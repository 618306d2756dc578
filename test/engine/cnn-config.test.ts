import { describe, expect, it } from 'vitest';
import { ShapeError, convOut, layerShapes, rowsOf } from '../../src/engine/index.ts';

describe('layerShapes', () => {
  it('follows a digit through conv, pool and dense by the formula ⌊(H + 2p − k)/s⌋ + 1', () => {
    const shapes = layerShapes({
      input: { channels: 1, height: 28, width: 28 },
      layers: [
        { type: 'conv', filters: 8, size: 5 },
        { type: 'pool', size: 2 },
        { type: 'conv', filters: 16, size: 3, pad: 1, stride: 2 },
        { type: 'dense', units: 10 },
      ],
    });
    // 28 − 5 + 1 = 24; 24/2 = 12; (12 + 2 − 3)/2 = 5.5 → 5, + 1 = 6
    expect(shapes).toEqual([
      { channels: 1, height: 28, width: 28 },
      { channels: 8, height: 24, width: 24 },
      { channels: 8, height: 12, width: 12 },
      { channels: 16, height: 6, width: 6 },
      { units: 10 },
    ]);
    expect(shapes.map(rowsOf)).toEqual([784, 4608, 1152, 576, 10]);
  });

  it('keeps the size with "same" padding (pad = (k − 1)/2, stride 1)', () => {
    expect(convOut(28, 5, 1, 2)).toBe(28);
    expect(convOut(28, 3, 1, 1)).toBe(28);
  });

  it('names the layer when a window does not fit', () => {
    const input = { channels: 1, height: 28, width: 28 };
    expect(() => layerShapes({ input, layers: [{ type: 'conv', filters: 4, size: 5 }, { type: 'pool', size: 5 }] }))
      .toThrow(/layer 2 \(pool\).*5×5 window.*24×24/);
    expect(() => layerShapes({ input, layers: [{ type: 'conv', filters: 4, size: 29 }] })).toThrow(ShapeError);
    expect(() => layerShapes({ input, layers: [{ type: 'dense', units: 3 }, { type: 'pool', size: 2 }] }))
      .toThrow(/layer 2 \(pool\): needs an image/);
  });
});
