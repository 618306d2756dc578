// The settings a saved network was trained with: its hidden layers, the optimiser and its β's, weight
// decay, dropout and the rest of the training panel's fields. Stored in the model file so the panel
// can put them back on reload, and checked when a file is imported (a file may hold anything).
import { createOptimizer, initialisers, type ActivationName, type InitName, type OptimizerOptions } from '../engine/index.ts';
import type { RunConfig } from '../worker/protocol.ts';

export interface TrainingRecipe {
  hidden: number[];
  activation: ActivationName;
  init: InitName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Early stopping's patience; 0 = off. */
  patience: number;
  seed: number;
  optimizer: OptimizerOptions;
  /** L2 weight decay's λ (0 = none). */
  weightDecay: number;
  /** Dropout's keep probability for hidden units (1 = none dropped). */
  dropout: number;
}

/** What of a run's configuration is its recipe; options left out are the plain ones (SGD, λ = 0, keep = 1). */
export function trainingRecipe(config: RunConfig): TrainingRecipe {
  const { hidden, activation, init, learningRate, batchSize, epochs, patience, seed } = config;
  return {
    hidden: [...hidden], activation, init, learningRate, batchSize, epochs, patience, seed,
    optimizer: config.optimizer ?? { name: 'sgd' },
    weightDecay: config.weightDecay ?? 0,
    dropout: config.dropout ?? 1,
  };
}

const ACTIVATIONS: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'identity'];

/** The recipe of an imported file, checked field by field; throws a sentence naming the first wrong one. */
export function checkedRecipe(value: unknown): TrainingRecipe {
  const damaged = (what: string) => new Error(`This file's training settings are damaged: ${what}.`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw damaged('they are not a list of settings');
  const r = value as Record<string, unknown>;
  const whole = (key: string, min: number) => {
    if (!Number.isInteger(r[key]) || (r[key] as number) < min) throw damaged(`${key} should be a whole number ≥ ${min}`);
  };
  if (!Array.isArray(r.hidden) || r.hidden.length === 0 || !r.hidden.every((n) => Number.isInteger(n) && n >= 1)) {
    throw damaged('hidden should list the layer sizes, e.g. [64, 32]');
  }
  if (!ACTIVATIONS.includes(r.activation as ActivationName)) throw damaged(`no activation is called ${JSON.stringify(r.activation)}`);
  if (!(typeof r.init === 'string' && r.init in initialisers)) throw damaged(`no initialiser is called ${JSON.stringify(r.init)}`);
  if (!(typeof r.learningRate === 'number' && r.learningRate > 0)) throw damaged('the learning rate should be a number above 0');
  whole('batchSize', 1);
  whole('epochs', 1);
  whole('patience', 0);
  whole('seed', 0);
  try {
    createOptimizer(r.optimizer as OptimizerOptions); // the engine's own check of the name and the β's
  } catch (error) {
    throw damaged(error instanceof Error ? error.message : String(error));
  }
  if (!(typeof r.weightDecay === 'number' && r.weightDecay >= 0)) throw damaged('weight decay λ should be a number ≥ 0');
  if (!(typeof r.dropout === 'number' && r.dropout > 0 && r.dropout <= 1)) throw damaged('dropout keep should be above 0 and at most 1');
  const { hidden, activation, init, learningRate, batchSize, epochs, patience, seed, optimizer, weightDecay, dropout } = r as unknown as TrainingRecipe;
  return { hidden, activation, init, learningRate, batchSize, epochs, patience, seed, optimizer, weightDecay, dropout };
}
