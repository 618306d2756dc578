// Chapter 12's hidden-unit widget: its ranking against z computed by hand from W1 and b1.
import { describe, expect, it } from 'vitest';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { bundledFromJSON } from '../../src/models/bundled.ts';
import { topImages } from '../../src/worker/hidden-units.ts';
import file from '../../src/models/bundled-mlp.json' with { type: 'json' };

describe('topImages', () => {
  it('gives each unit the images with the largest w·x + b, checked by hand on the bundled network', () => {
    const { net } = bundledFromJSON(file as Parameters<typeof bundledFromJSON>[0]);
    const { X } = mnistSubset('train', 0, 300);
    const units = topImages(net, X, 3);
    expect(units).toHaveLength(32);
    const [W1] = net.W;
    const [b1] = net.b;
    for (const i of [0, 17, 31]) {
      // z_ij = Σ_p W1[i, p]·X[p, j] + b1[i], in float64, for every image j
      const z = Array.from({ length: X.cols }, (_, j) => {
        let s = b1.get(i, 0);
        for (let p = 0; p < 784; p++) s += W1.get(i, p) * X.get(p, j);
        return s;
      });
      const best = z.map((v, j) => [v, j]).sort((a, b) => b[0] - a[0]).slice(0, 3);
      expect(units[i].index).toEqual(best.map(([, j]) => j));
      units[i].z.forEach((v, k) => expect(v).toBeCloseTo(best[k][0], 3));
      expect(units[i].z[0]).toBeGreaterThanOrEqual(units[i].z[1]);
    }
  });
});
