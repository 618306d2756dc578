// The panel's optimiser, weight decay and dropout fields: what is read from each text, and that a
// value the engine would refuse keeps Train off with a reason rather than reaching train().
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_DEFAULTS, createOptimizer } from '../../src/engine/index.ts';
import { describeOptions, optionTexts, readOption, readOptions, usedKeys } from '../../components/widgets/panel-options.ts';

describe('panel options', () => {
  it('start from the engine’s β defaults, λ = 0 and keep = 1', () => {
    const texts = optionTexts({});
    expect(texts).toEqual({
      beta: String(OPTIMIZER_DEFAULTS.momentum.beta),
      beta1: String(OPTIMIZER_DEFAULTS.adam.beta1),
      beta2: String(OPTIMIZER_DEFAULTS.adam.beta2),
      weightDecay: '0',
      dropout: '1',
    });
    expect(readOptions('adam', texts).options).toEqual({ optimizer: { name: 'adam', beta1: 0.9, beta2: 0.999 }, weightDecay: 0, dropout: 1 });
  });

  it('read each optimiser with its own β’s, and the options round-trip through the texts', () => {
    const cases = [
      { optimizer: { name: 'sgd' as const }, weightDecay: 0, dropout: 1 },
      { optimizer: { name: 'momentum' as const, beta: 0.8 }, weightDecay: 1e-4, dropout: 0.5 },
      { optimizer: { name: 'rmsprop' as const, beta: 0.95 }, weightDecay: 0.01, dropout: 0.9 },
      { optimizer: { name: 'adam' as const, beta1: 0.8, beta2: 0.99 }, weightDecay: 5e-3, dropout: 0.8 },
    ];
    for (const options of cases) {
      const read = readOptions(options.optimizer.name, optionTexts(options));
      expect(read.options).toEqual(options);
      expect(() => createOptimizer(read.options!.optimizer)).not.toThrow();
    }
  });

  it('refuse what the engine would refuse, saying why, and only for the fields in use', () => {
    expect(readOption('beta', '1').error).toMatch(/below 1/);
    expect(readOption('beta1', '-0.1').error).toBe('At least 0.');
    expect(readOption('beta2', 'high').error).toBe('“high” is not a number.');
    expect(readOption('dropout', '0').error).toBe('It must be above 0.');
    expect(readOption('dropout', '1.2').error).toBe('At most 1.');
    expect(readOption('weightDecay', '-1').error).toBe('At least 0.');
    expect(readOption('weightDecay', '').error).toBe('Type a number here.');
    const texts = { ...optionTexts({}), beta: '1', beta2: '2' };
    expect(readOptions('adam', texts).bad).toEqual(['beta2']);
    expect(readOptions('momentum', texts).bad).toEqual(['beta']);
    expect(readOptions('sgd', texts).bad).toEqual([]); // SGD reads no β
    expect(usedKeys('sgd')).toEqual(['weightDecay', 'dropout']);
    // A β of 1 is refused by the engine too: the field's rule is not stricter than train().
    expect(() => createOptimizer({ name: 'momentum', beta: 1 })).toThrow();
  });

  it('describe the options that are not the plain ones', () => {
    expect(describeOptions({ optimizer: { name: 'sgd' }, weightDecay: 0, dropout: 1 })).toBe('');
    expect(describeOptions({ optimizer: { name: 'adam' }, weightDecay: 1e-4, dropout: 0.8 })).toBe('Adam, λ = 0.0001, keep 0.8');
  });
});
