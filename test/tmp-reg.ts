import { MLP, train, evaluate } from '../src/engine/index.ts';
import { mnistSubset } from '../src/data/mnist-node.ts';
import { augmentDataset } from '../src/data/augment.ts';
const few = mnistSubset('train', 0, 1000), val = mnistSubset('train', 8000, 2000);
const aug = augmentDataset(few, { copies: 4, maxShift: 2, maxDegrees: 12, seed: 1 });
const cases: any = {
  plain: [few, {}],
  l2_1e3: [few, { weightDecay: 1e-3 }],
  l2_5e3: [few, { weightDecay: 5e-3 }],
  l2_2e2: [few, { weightDecay: 2e-2 }],
  drop5: [few, { dropout: 0.5 }],
  aug: [aug, {}, 8],
};
for (const [k, [data, extra, ep]] of Object.entries(cases) as any) {
  const net = MLP.create({ sizes: [784, 256, 10], activation: 'relu', init: 'he', seed: 1 });
  const t0 = performance.now();
  const r = await train(net, { train: data, val }, { epochs: ep ?? 40, learningRate: 0.1, batchSize: 32, seed: 1, restoreBest: false, ...extra });
  const tr = evaluate(net, few), va = evaluate(net, val);
  console.log(k, ((performance.now() - t0) / 1000).toFixed(1) + 's', 'train', tr.accuracy.toFixed(4), 'val', va.accuracy.toFixed(4), 'gap', (tr.accuracy - va.accuracy).toFixed(4), 'valLoss', va.loss.toFixed(3), 'best', r.bestEpoch, 'minValLoss', Math.min(...r.history.map((h) => h.valLoss!)).toFixed(3));
}
