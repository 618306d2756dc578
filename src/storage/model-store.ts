// Saved networks in IndexedDB (through idb; they survive a reload), and which one is current: the
// one the DigitPad reads with. Every change is announced on a BroadcastChannel so other widgets, on this
// page or in other tabs, pick up the new current model.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SavedModel } from './saved-model.ts';

const DB_NAME = 'nn-from-scratch';
const MODELS = 'models' as const;
const META = 'meta' as const;
const CURRENT_KEY = 'current';
export const MODELS_CHANNEL = 'nn-from-scratch-models';

interface Schema extends DBSchema {
  models: { key: number; value: SavedModel };
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
export async function saveModel(model: SavedModel): Promise<number> {
  const { id: _ignored, ...record } = model;
  const id = await withStore(async (db) => {
    const tx = db.transaction([MODELS, META], 'readwrite');
    const key = await tx.objectStore(MODELS).add(record as SavedModel);
    await tx.objectStore(META).put(key, CURRENT_KEY);
    await tx.done;
    return key;
  });
  announce();
  return id;
}

export async function listModels(): Promise<SavedModel[]> {
  return withStore((db) => db.getAll(MODELS));
}

export async function setCurrentModel(id: number): Promise<void> {
  await withStore((db) => db.put(META, id, CURRENT_KEY));
  announce();
}

export async function deleteModel(id: number): Promise<void> {
  await withStore((db) => db.delete(MODELS, id));
  announce();
}

/** The current model: the last one saved or chosen, or null if there is none yet. */
export async function currentModel(): Promise<SavedModel | null> {
  return withStore(async (db) => {
    const id = await db.get(META, CURRENT_KEY);
    return (id === undefined ? undefined : await db.get(MODELS, id)) ?? null;
  });
}

/** Calls `onChange` whenever a model is saved, chosen or deleted (here or in another tab). */
export function watchModels(onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(MODELS_CHANNEL);
  channel.onmessage = () => onChange();
  return () => channel.close();
}
