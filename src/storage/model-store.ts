// Saved networks in IndexedDB (through idb; they survive a reload), and which one is current: the
// one the DigitPad reads with. Every change is announced on a BroadcastChannel so other widgets, on this
// page or in other tabs, pick up the new current model.
// The store holds MLPs and CNNs alike; a reader of it names the kinds it can use (default: MLPs
// only) and sees only those, so a widget made for MLPs never meets a CNN.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NetworkKind } from '../engine/index.ts';
import { savedKind, type SavedModel, type SavedNetwork } from './saved-model.ts';

const DB_NAME = 'nn-from-scratch';
const MODELS = 'models' as const;
const META = 'meta' as const;
const CURRENT_KEY = 'current';
export const MODELS_CHANNEL = 'nn-from-scratch-models';

interface Schema extends DBSchema {
  models: { key: number; value: SavedModel<SavedNetwork> };
  meta: { key: string; value: number };
}

async function open(): Promise<IDBPDatabase<Schema>> {
  if (typeof indexedDB === 'undefined') throw new Error('This browser has no IndexedDB, so models cannot be saved.');
  try {
    return await openDB<Schema>(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(MODELS, { keyPath: 'id', autoIncrement: true });
        db.createObjectStore(META);
      },
    });
  } catch (error) {
    throw new Error(`Could not open the saved-model store: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs `work` on the store, closing it afterwards. */
async function withStore<T>(work: (db: IDBPDatabase<Schema>) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

function announce(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(MODELS_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

/** Stores a model and makes it current; resolves to its id. */
export async function saveModel(model: SavedModel<SavedNetwork>): Promise<number> {
  const { id: _ignored, ...record } = model;
  const id = await withStore(async (db) => {
    const tx = db.transaction([MODELS, META], 'readwrite');
    const key = await tx.objectStore(MODELS).add(record as SavedModel<SavedNetwork>);
    await tx.objectStore(META).put(key, CURRENT_KEY);
    await tx.done;
    return key;
  });
  announce();
  return id;
}

/** The stored models whose network is of one of these kinds (default: MLPs). */
export async function listModels(kinds?: readonly ['mlp']): Promise<SavedModel[]>;
export async function listModels(kinds: readonly NetworkKind[]): Promise<SavedModel<SavedNetwork>[]>;
export async function listModels(kinds: readonly NetworkKind[] = ['mlp']): Promise<SavedModel<SavedNetwork>[]> {
  const all = await withStore((db) => db.getAll(MODELS));
  return all.filter((model) => ofKind(model, kinds));
}

export async function setCurrentModel(id: number): Promise<void> {
  await withStore((db) => db.put(META, id, CURRENT_KEY));
  announce();
}

export async function deleteModel(id: number): Promise<void> {
  await withStore((db) => db.delete(MODELS, id));
  announce();
}

/**
 * The current model: the last one saved or chosen, or null if there is none yet, or if it is of a
 * kind not asked for (default: MLPs).
 */
export async function currentModel(kinds?: readonly ['mlp']): Promise<SavedModel | null>;
export async function currentModel(kinds: readonly NetworkKind[]): Promise<SavedModel<SavedNetwork> | null>;
export async function currentModel(kinds: readonly NetworkKind[] = ['mlp']): Promise<SavedModel<SavedNetwork> | null> {
  const model = await withStore(async (db) => {
    const id = await db.get(META, CURRENT_KEY);
    return (id === undefined ? undefined : await db.get(MODELS, id)) ?? null;
  });
  return model && ofKind(model, kinds) ? model : null;
}

/** A record written before CNNs existed has an MLP; a broken one counts as one too, and its reader says it is damaged. */
function ofKind(model: SavedModel<SavedNetwork>, kinds: readonly NetworkKind[]): boolean {
  return kinds.includes(model?.network ? savedKind(model.network) : 'mlp');
}

/** Calls `onChange` whenever a model is saved, chosen or deleted (here or in another tab). */
export function watchModels(onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(MODELS_CHANNEL);
  channel.onmessage = () => onChange();
  return () => channel.close();
}
