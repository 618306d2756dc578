// Export/import of a trained network: the serialisation half of the model store (the IndexedDB
// half is exercised in the browser by test/e2e/training.spec.ts).
import { describe, expect, it } from 'vitest';
import { CNN, MLP, Matrix, createRng, type CNNConfig } from '../../src/engine/index.ts';
import { checkedNetwork, describeModel, exportModel, importModel, mnistMismatch, savedKind, trainingRecipe, type SavedModel, type SavedNetwork } from '../../src/storage/saved-model.ts';

function saved(): SavedModel {
  const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 3 });
  return { id: 4, name: 'mine', savedAt: '2026-11-24T00:00:00.000Z', valAccuracy: 0.925, testAccuracy: 0.912, trainedOn: { images: 8000, epochs: 2, bestEpoch: 2 }, network: net.toJSON() };
}

describe('saved models', () => {
  it('round-trip through export and import gives a network with the same outputs', () => {
    const original = saved();
    const back = importModel(exportModel(original));
    expect(back).toMatchObject({ name: 'mine', valAccuracy: 0.925, testAccuracy: 0.912, trainedOn: { images: 8000 } });
    expect(back.id).toBeUndefined(); // a new key is given when it is stored again
    const X = Matrix.randn(784, 3, { randn: () => Math.random() } as never);
    const a = MLP.fromJSON(original.network).forward(X);
    const b = MLP.fromJSON(back.network).forward(X);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('imports a bare network written by MLP.toJSON and names it by its shape', () => {
    const net = MLP.create({ sizes: [784, 8, 10], activation: 'sigmoid', init: 'xavier', seed: 1 });
    expect(importModel(JSON.stringify(net.toJSON())).name).toBe('784-8-10 sigmoid');
  });

  it('refuses a file that is not JSON, or whose shapes are wrong, with a message saying so', () => {
    expect(() => importModel('{oops')).toThrow(/not JSON/);
    const broken = JSON.parse(exportModel(saved()));
    broken.network.W[0].rows = 15;
    expect(() => importModel(JSON.stringify(broken))).toThrow(/W\[0\] should be \(16, 784\)/);
  });

  it('refuses JSON that is not a saved model, in words rather than the engine’s', () => {
    for (const text of ['{"hello":"world"}', '[1,2]', '42', 'null', '{"format":"nn-from-scratch/saved-model"}']) {
      expect(() => importModel(text)).toThrow('This file does not hold a saved model');
    }
  });

  it('refuses a well-formed network that cannot read MNIST, saying which size is wrong', () => {
    const wide = MLP.create({ sizes: [100, 8, 10], activation: 'relu', init: 'he', seed: 1 }).toJSON();
    expect(() => importModel(JSON.stringify(wide))).toThrow('This network reads 100 inputs; an MNIST image has 784');
    const five = MLP.create({ sizes: [784, 16, 5], activation: 'relu', init: 'he', seed: 1 }).toJSON();
    expect(() => importModel(JSON.stringify(five))).toThrow('This network gives 5 outputs; reading digits needs 10');
    expect(mnistMismatch(saved().network)).toBeNull();
    // A deeper network is fine as long as its ends fit.
    expect(mnistMismatch(MLP.create({ sizes: [784, 32, 16, 10], activation: 'relu', init: 'he', seed: 1 }).toJSON())).toBeNull();
  });

  it('checks a stored model before it is run, whatever is in storage', () => {
    expect(checkedNetwork(saved()).config.sizes).toEqual([784, 16, 10]);
    const five = { ...saved(), network: MLP.create({ sizes: [784, 16, 5], activation: 'relu', init: 'he', seed: 1 }).toJSON() };
    expect(() => checkedNetwork(five)).toThrow(/cannot read digits\. This network gives 5 outputs/);
    expect(() => checkedNetwork({ name: 'x' } as never)).toThrow(/not a network this site can read/);
    const damaged = saved();
    damaged.network.W[1].data = damaged.network.W[1].data.slice(3);
    expect(() => checkedNetwork(damaged)).toThrow(/damaged/);
  });

  it('describes a model by its layer sizes, activation and validation accuracy (never the test accuracy)', () => {
    expect(describeModel(saved().network, 0.9761)).toBe('784-16-10 relu, 97.6% validation');
  });
});

const digitsCNN: CNNConfig = {
  kind: 'cnn',
  input: { channels: 1, height: 28, width: 28 },
  layers: [{ type: 'conv', filters: 4, size: 5, pad: 2 }, { type: 'pool', size: 2 }, { type: 'conv', filters: 6, size: 3, stride: 2 }, { type: 'dense', units: 10 }],
  activation: 'relu',
  init: 'he',
  seed: 2,
};

function savedCNN(config: CNNConfig = digitsCNN): SavedModel<SavedNetwork> {
  return { name: 'conv', savedAt: '2026-12-01T00:00:00.000Z', valAccuracy: 0.99, trainedOn: { images: 50000, epochs: 3, bestEpoch: 3 }, network: CNN.create(config).toJSON() };
}

describe('saved convolutional networks', () => {
  it('round-trip through export and import with identical predictions, when the caller takes CNNs', () => {
    const original = savedCNN();
    const back = importModel(exportModel(original), ['mlp', 'cnn']);
    expect(back).toMatchObject({ name: 'conv', valAccuracy: 0.99, trainedOn: { epochs: 3 } });
    expect(savedKind(back.network)).toBe('cnn');
    const X = Matrix.randn(784, 5, createRng(1));
    const a = CNN.fromJSON(original.network).forward(X);
    const b = CNN.fromJSON(back.network).forward(X);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('imports a bare CNN.toJSON and names it by its layers', () => {
    const text = JSON.stringify(CNN.create(digitsCNN).toJSON());
    expect(importModel(text, ['cnn']).name).toBe('conv 4@5×5 pad 2, pool 2, conv 6@3×3 stride 2, dense 10 relu');
    expect(describeModel(savedCNN().network, 0.9912)).toBe('conv 4@5×5 pad 2, pool 2, conv 6@3×3 stride 2, dense 10 relu, 99.1% validation');
  });

  it('refuses a CNN where only MLPs are taken (the default), and an MLP where only CNNs are, saying what the file holds', () => {
    expect(() => importModel(exportModel(savedCNN()))).toThrow('This file holds a convolutional network; only a fully connected network can be imported here.');
    expect(() => importModel(exportModel(saved()), ['cnn'])).toThrow(/holds a fully connected network/);
    expect(() => checkedNetwork(savedCNN())).toThrow(/is a convolutional network/);
  });

  it('refuses a broken CNN file with the engine’s reason, and one that cannot read MNIST with the reader’s', () => {
    const broken = JSON.parse(exportModel(savedCNN()));
    broken.network.W[1].cols = 35;
    expect(() => importModel(JSON.stringify(broken), ['cnn'])).toThrow(/W\[1\] should be \(6, 36\)/);
    const colour = savedCNN({ ...digitsCNN, input: { channels: 3, height: 28, width: 28 } });
    expect(() => importModel(exportModel(colour), ['cnn'])).toThrow('This network reads 3×28×28 images; an MNIST image is 1×28×28');
    const five = savedCNN({ ...digitsCNN, layers: [...digitsCNN.layers.slice(0, 3), { type: 'dense', units: 5 }] });
    expect(() => importModel(exportModel(five), ['cnn'])).toThrow('This network gives 5 outputs; reading digits needs 10');
    expect(mnistMismatch(savedCNN().network)).toBeNull();
  });
});

describe('the training settings in a model file', () => {
  const config = {
    hidden: [64, 32], activation: 'relu' as const, init: 'he' as const, learningRate: 0.001, batchSize: 32, epochs: 3,
    patience: 0, trainSize: 8000, seed: 5, optimizer: { name: 'adam' as const, beta1: 0.9, beta2: 0.999 }, weightDecay: 1e-4, dropout: 0.8,
  };

  it('survive export and import', () => {
    const model = { ...saved(), training: trainingRecipe(config) };
    const back = importModel(exportModel(model));
    expect(back.training).toEqual(trainingRecipe(config));
    expect(back.training).toMatchObject({ hidden: [64, 32], optimizer: { name: 'adam' }, weightDecay: 1e-4, dropout: 0.8 });
    expect(back.training).not.toHaveProperty('trainSize');
  });

  it('default to the plain options when a run set none', () => {
    const { optimizer: _o, weightDecay: _w, dropout: _d, ...plain } = config;
    expect(trainingRecipe(plain)).toMatchObject({ optimizer: { name: 'sgd' }, weightDecay: 0, dropout: 1 });
  });

  it('are refused with a sentence when damaged', () => {
    const file = (training: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(exportModel(saved())), training: { ...trainingRecipe(config), ...training } });
    expect(() => importModel(file({ optimizer: { name: 'adamw' } }))).toThrow(/training settings are damaged: optimizer: name must be one of/);
    expect(() => importModel(file({ optimizer: { name: 'adam', beta1: 1 } }))).toThrow(/beta1 must be in \[0, 1\)/);
    expect(() => importModel(file({ dropout: 0 }))).toThrow(/dropout keep should be above 0/);
    expect(() => importModel(file({ weightDecay: -1 }))).toThrow(/weight decay/);
    expect(() => importModel(file({ hidden: [] }))).toThrow(/hidden should list the layer sizes/);
    expect(() => importModel(file({ batchSize: 2.5 }))).toThrow(/batchSize should be a whole number/);
    // A file without settings (older exports, bare networks) still imports.
    expect(importModel(exportModel(saved())).training).toBeUndefined();
  });
});
