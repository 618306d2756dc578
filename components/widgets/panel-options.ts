// The training panel's options from chapters 13 and 14: the optimiser (with its β's), L2 weight decay
// λ and dropout's keep probability. Read from what the reader typed, like panel-fields.ts: a value
// that is not acceptable says why and keeps Train disabled; nothing is clamped.
import { OPTIMIZER_DEFAULTS, type OptimizerName, type OptimizerOptions } from '../../src/engine';
import { readNumber } from './panel-fields';

export type OptionKey = 'beta' | 'beta1' | 'beta2' | 'weightDecay' | 'dropout';
export type OptionTexts = Record<OptionKey, string>;

export interface PanelOptions {
  optimizer: OptimizerOptions;
  weightDecay: number;
  dropout: number;
}

export const OPTIMIZERS: { value: OptimizerName; label: string }[] = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'momentum' },
  { value: 'rmsprop', label: 'RMSProp' },
  { value: 'adam', label: 'Adam' },
];

/** The β fields each optimiser uses (SGD has none). */
export const BETAS: Record<OptimizerName, OptionKey[]> = { sgd: [], momentum: ['beta'], rmsprop: ['beta'], adam: ['beta1', 'beta2'] };

/** The learning rate each optimiser usually starts from: Adam and RMSProp divide by √s, so their steps are about η each. */
export const USUAL_ETA: Record<OptimizerName, number> = { sgd: 0.1, momentum: 0.01, rmsprop: 0.001, adam: 0.001 };

/** β is a forgetting factor: 1 would never forget (and Adam's 1 − βᵗ would be 0), negative means nothing. */
function readBeta(text: string) {
  const read = readNumber(text, { min: 0, max: 1, integer: false });
  if (read.value === 1) return { error: 'It must be below 1 (β = 1 would never forget).' };
  return read;
}

/** The field of `key` read, its value or what is wrong with it. */
export function readOption(key: OptionKey, text: string): { value?: number; error?: string } {
  if (key === 'weightDecay') return readNumber(text, { min: 0, max: 1, integer: false });
  // keep = 0 would drop every unit: nothing would reach the output.
  if (key === 'dropout') return readNumber(text, { min: 0, max: 1, integer: false, above: true });
  return readBeta(text);
}

/** The fields the chosen optimiser reads, plus λ and keep: only these can keep Train off. */
export function usedKeys(name: OptimizerName): OptionKey[] {
  return [...BETAS[name], 'weightDecay', 'dropout'];
}

/** The options as train() takes them, or the keys of the fields that are not acceptable. */
export function readOptions(name: OptimizerName, texts: OptionTexts): { options: PanelOptions; bad: [] } | { options?: undefined; bad: OptionKey[] } {
  const read = Object.fromEntries(usedKeys(name).map((key) => [key, readOption(key, texts[key])])) as Partial<Record<OptionKey, { value?: number; error?: string }>>;
  const bad = (Object.keys(read) as OptionKey[]).filter((key) => read[key]!.error !== undefined);
  if (bad.length) return { bad };
  const v = (key: OptionKey) => read[key]!.value!;
  const optimizer: OptimizerOptions =
    name === 'sgd' ? { name }
    : name === 'momentum' ? { name, beta: v('beta') }
    : name === 'rmsprop' ? { name, beta: v('beta') }
    : { name, beta1: v('beta1'), beta2: v('beta2') };
  return { options: { optimizer, weightDecay: v('weightDecay'), dropout: v('dropout') }, bad: [] };
}

/** The fields' texts for these options; β's an optimiser does not set show the engine's defaults. */
export function optionTexts(options: Partial<PanelOptions>): OptionTexts {
  const o = options.optimizer ?? { name: 'sgd' };
  const beta = (o.name === 'momentum' || o.name === 'rmsprop' ? o.beta : undefined)
    ?? (o.name === 'rmsprop' ? OPTIMIZER_DEFAULTS.rmsprop.beta : OPTIMIZER_DEFAULTS.momentum.beta);
  return {
    beta: String(beta),
    beta1: String((o.name === 'adam' ? o.beta1 : undefined) ?? OPTIMIZER_DEFAULTS.adam.beta1),
    beta2: String((o.name === 'adam' ? o.beta2 : undefined) ?? OPTIMIZER_DEFAULTS.adam.beta2),
    weightDecay: String(options.weightDecay ?? 0),
    dropout: String(options.dropout ?? 1),
  };
}

/** A short description of the options that are not the plain ones, e.g. "Adam, λ = 0.0001, keep 0.8". */
export function describeOptions(options: Partial<PanelOptions>): string {
  const parts = [];
  const name = options.optimizer?.name ?? 'sgd';
  if (name !== 'sgd') parts.push(OPTIMIZERS.find((o) => o.value === name)!.label);
  if (options.weightDecay) parts.push(`λ = ${options.weightDecay}`);
  if (options.dropout !== undefined && options.dropout < 1) parts.push(`keep ${options.dropout}`);
  return parts.join(', ');
}
