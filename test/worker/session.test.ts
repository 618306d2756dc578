// The worker's adaptor around train(), driven directly (no Worker needed): real MNIST, real runs.
import { describe, expect, it } from 'vitest';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { TrainingSession, validationSize, type SessionData } from '../../src/worker/session.ts';
import { nodeCnnStepper } from '../../src/accel/node.ts';
import { CHAPTER_CNN } from '../../src/models/chapter-cnn.ts';
import type { FromWorker, RunConfig } from '../../src/worker/protocol.ts';

/** The first 3,000 training images (the last 600 become validation) and 2,000 test images. */
function data(): SessionData {
  const split = (name: 'train' | 'test', count: number) => ({ count, dataset: (start: number, n: number) => mnistSubset(name, start, n) });
  return { train: split('train', 3000), test: split('test', 2000) };
}

const config: RunConfig = {
  hidden: [32], activation: 'relu', init: 'he', learningRate: 0.1, batchSize: 32,
  epochs: 2, patience: 0, trainSize: 2400, seed: 7,
};

function record() {
  const messages: FromWorker[] = [];
  return { messages, post: (m: FromWorker) => messages.push(m), of: <T extends FromWorker['type']>(type: T) =>
    messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type) };
}

describe('TrainingSession', () => {
  it('trains through the engine, streams epochs and batches, and scores the test set once at the end', async () => {
    const log = record();
    await new TrainingSession(data(), log.post).start(config);
    const done = log.of('done')[0].summary;
    expect(done.history).toHaveLength(2);
    expect(log.of('epoch').map((m) => m.record.epoch)).toEqual([1, 2]);
    expect(done.test!.accuracy).toBeGreaterThan(0.8);
    expect(done.valSize).toBe(600);
    expect(log.of('batches').flatMap((m) => m.points)).toHaveLength(2 * Math.ceil(2400 / 32));
    expect(log.of('state').map((m) => m.state)).toEqual(['running', 'idle']);
    expect(done.model.config).toMatchObject({ sizes: [784, 32, 10] });
  });

  it("trains chapter 16's convolutional network when asked, with the stepper it was given for CNNs", async () => {
    const log = record();
    const cnnStepper = (await nodeCnnStepper())!;
    await new TrainingSession(data(), log.post, undefined, cnnStepper).start({ ...config, network: 'cnn', learningRate: 0.001, optimizer: { name: 'adam' }, epochs: 1 });
    const done = log.of('done')[0].summary;
    expect(done.step).toEqual({ name: 'WebAssembly CNN step', threads: 1 });
    expect(done.model.config).toMatchObject({ kind: 'cnn', layers: CHAPTER_CNN.layers, seed: 7 }); // the run's seed
    expect(done.test!.accuracy).toBeGreaterThan(0.5); // chance is 0.1
  });

  it('the same seed gives the identical run (what Reset relies on); another seed does not', async () => {
    const runs = [];
    for (const seed of [7, 7, 8]) {
      const log = record();
      await new TrainingSession(data(), log.post).start({ ...config, epochs: 1, seed });
      runs.push(log.of('done')[0].summary.history[0].valLoss);
    }
    expect(runs[0]).toBe(runs[1]);
    expect(runs[2]).not.toBe(runs[0]);
  });

  it('Step lets exactly one minibatch through a paused run, and Stop ends it without a test score', async () => {
    const log = record();
    const session = new TrainingSession(data(), log.post);
    const run = session.start(config, true);
    session.step();
    session.step();
    const points = () => log.of('batches').flatMap((m) => m.points).length;
    while (points() < 2 && log.of('done').length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300)); // time enough for a third batch, were one let through
    session.stop();
    await run;
    expect(log.of('batches').flatMap((m) => m.points).map((p) => p.x)).toEqual([1 / 75, 2 / 75]);
    const done = log.of('done')[0].summary;
    expect(done.aborted).toBe(true);
    expect(done.test).toBeUndefined();
  });

  it('divergence stops the run with the engine’s message and suggests a smaller learning rate', async () => {
    const log = record();
    await new TrainingSession(data(), log.post).start({ ...config, learningRate: 1e5 });
    const [error] = log.of('error');
    expect(error.divergence).toBe(true);
    expect(error.message).toMatch(/at epoch 1, batch \d+: the learning rate 100000 is too high for this network/);
    expect(error.suggestion).toMatch(/learning rate to 10000/);
    expect(log.of('done')).toHaveLength(0);
  });

  it('reuses the training and validation images for the next run of the same size, and makes new ones for another size', async () => {
    const made: string[] = [];
    const counted = data();
    const dataset = counted.train.dataset;
    counted.train.dataset = (start, n) => (made.push(`${start}+${n}`), dataset(start, n));
    const session = new TrainingSession(counted, record().post);
    const quick = { ...config, epochs: 1 };
    await session.start(quick);
    await session.start(quick);
    await session.start({ ...quick, trainSize: 1200 });
    expect(made).toEqual(['0+2400', '2400+600', '0+1200']);
  });

  it('holds out 10,000 validation images from the full 60,000 and at most a fifth of a smaller set', () => {
    expect(validationSize(60_000)).toBe(10_000);
    expect(validationSize(10_000)).toBe(2_000);
    expect(validationSize(3_000)).toBe(600);
  });
});
