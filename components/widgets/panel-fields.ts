// The training panel's number fields, read from what the reader typed. A field that does not hold an
// acceptable number says why and keeps Train disabled: nothing is silently clamped or replaced.
import type { RunConfig } from '../../src/worker/protocol';
import type { RunSummary } from '../../src/worker/protocol';

export type NumberKey = 'learningRate' | 'batchSize' | 'epochs' | 'patience' | 'trainSize' | 'seed';

export interface FieldRule {
  min: number;
  max: number;
  /** Whole numbers only (a batch of 2.5 images means nothing). */
  integer: boolean;
  /** The smallest value allowed is excluded (η must be above 0, not equal to it). */
  above?: boolean;
}

export const FIELD_RULES: Record<NumberKey, FieldRule> = {
  learningRate: { min: 0, max: 1e6, integer: false, above: true },
  batchSize: { min: 1, max: 4096, integer: true },
  epochs: { min: 1, max: 200, integer: true },
  patience: { min: 0, max: 50, integer: true },
  trainSize: { min: 10, max: 50_000, integer: true },
  seed: { min: 0, max: 2 ** 31, integer: true },
};

const fmt = (v: number) => v.toLocaleString('en-US');

/** The number a field holds, or the sentence that says what is wrong with it. */
export function readNumber(text: string, rule: FieldRule): { value: number; error?: undefined } | { value?: undefined; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Type a number here.' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `“${trimmed}” is not a number.` };
  if (rule.integer && !Number.isInteger(value)) return { error: `A whole number, please (not ${trimmed}).` };
  if (rule.above ? value <= rule.min : value < rule.min) return { error: rule.above ? `It must be above ${fmt(rule.min)}.` : `At least ${fmt(rule.min)}.` };
  if (value > rule.max) return { error: `At most ${fmt(rule.max)}.` };
  return { value };
}

/** Validation accuracy of the network a run ends with: the restored best epoch's, else the last epoch's. */
export function finalValAccuracy(summary: Pick<RunSummary, 'history' | 'bestEpoch' | 'stoppedEarly'>): number | undefined {
  const { history } = summary;
  const best = history.find((r) => r.epoch === summary.bestEpoch);
  return (summary.stoppedEarly ? best : history[history.length - 1])?.valAccuracy;
}

/**
 * A finished run this many percentage points (or more) below the saved model on validation is not
 * saved over it without asking: a typo in η should not replace the network chapter 12 reads with.
 */
export const FAR_WORSE = 0.05;

export function farWorse(newAccuracy: number | undefined, savedAccuracy: number | undefined): boolean {
  return newAccuracy !== undefined && savedAccuracy !== undefined && newAccuracy < savedAccuracy - FAR_WORSE;
}

export type FieldTexts = Record<NumberKey, string>;

export function textsOf(config: RunConfig): FieldTexts {
  return {
    learningRate: String(config.learningRate),
    batchSize: String(config.batchSize),
    epochs: String(config.epochs),
    patience: String(config.patience),
    trainSize: String(config.trainSize),
    seed: String(config.seed),
  };
}
