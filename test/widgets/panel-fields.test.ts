import { describe, expect, it } from 'vitest';
import { FIELD_RULES, farWorse, finalValAccuracy, readNumber } from '../../components/widgets/panel-fields.ts';

describe('the training panel’s number fields', () => {
  it('refuse what a reader can type by mistake, each with its reason, instead of clamping it', () => {
    expect(readNumber('', FIELD_RULES.learningRate).error).toBe('Type a number here.');
    expect(readNumber('abc', FIELD_RULES.learningRate).error).toBe('“abc” is not a number.');
    expect(readNumber('0', FIELD_RULES.learningRate).error).toBe('It must be above 0.');
    expect(readNumber('-0.1', FIELD_RULES.learningRate).error).toBe('It must be above 0.');
    expect(readNumber('2.5', FIELD_RULES.batchSize).error).toBe('A whole number, please (not 2.5).');
    expect(readNumber('0', FIELD_RULES.epochs).error).toBe('At least 1.');
    expect(readNumber('5000', FIELD_RULES.batchSize).error).toBe('At most 4,096.');
    expect(readNumber('', FIELD_RULES.seed).error).toBe('Type a number here.');
  });

  it('accept what is in range, as typed', () => {
    expect(readNumber(' 0.05 ', FIELD_RULES.learningRate).value).toBe(0.05);
    expect(readNumber('1e-3', FIELD_RULES.learningRate).value).toBe(0.001);
    expect(readNumber('0', FIELD_RULES.patience).value).toBe(0);
    expect(readNumber('4096', FIELD_RULES.batchSize).value).toBe(4096);
  });
});

describe('choosing by validation', () => {
  const history = [1, 2, 3].map((epoch) => ({ epoch, trainLoss: 0, trainAccuracy: 0, valAccuracy: [0.9, 0.95, 0.93][epoch - 1], seconds: 0 }));

  it('a run that stopped early is judged by the restored best epoch, otherwise by its last', () => {
    expect(finalValAccuracy({ history, bestEpoch: 2, stoppedEarly: true })).toBe(0.95);
    expect(finalValAccuracy({ history, bestEpoch: 2, stoppedEarly: false })).toBe(0.93);
  });

  it('a run far worse than the saved one is flagged; a slightly worse one is not', () => {
    expect(farWorse(0.08, 0.95)).toBe(true);
    expect(farWorse(0.93, 0.95)).toBe(false);
    expect(farWorse(0.5, undefined)).toBe(false);
  });
});
