// Saved networks in IndexedDB (they survive a reload), and which one is current: the one the
// DigitPad reads with. Every change is announced on a BroadcastChannel so other widgets, on this
// page or in other tabs, pick up the new current model.
import type { SavedModel } from './saved-model.ts';

const DB_NAME = 'nn-from-scratch';
const MODELS = 'models';
const META = 'meta';
const CURRENT_KEY = 'current';
export const MODELS_CHANNEL = 'nn-from-scratch-models';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('This browser has no IndexedDB, so models cannot be saved.'));
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(MODELS, { keyPath: 'id', autoIncrement: true });
      request.result.createObjectStore(META);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`Could not open the saved-model store: ${request.error?.message}`));
  });
}

async function transact<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const request = work(tx);
    tx.oncomplete = () => {
      db.close();
      resolve(request ? request.result : (undefined as T));
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      reject(new Error(`Saved-model store: ${tx.error?.message ?? 'the transaction failed'}`));
    };
  });
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
  const id = await transact<IDBValidKey>([MODELS, META], 'readwrite', (tx) => {
    const request = tx.objectStore(MODELS).add(record);
    request.onsuccess = () => tx.objectStore(META).put(request.result, CURRENT_KEY);
    return request;
  });
  announce();
  return Number(id);
}

export async function listModels(): Promise<SavedModel[]> {
  return transact<SavedModel[]>([MODELS], 'readonly', (tx) => tx.objectStore(MODELS).getAll());
}

export async function setCurrentModel(id: number): Promise<void> {
  await transact([META], 'readwrite', (tx) => tx.objectStore(META).put(id, CURRENT_KEY));
  announce();
}

export async function deleteModel(id: number): Promise<void> {
  await transact([MODELS], 'readwrite', (tx) => tx.objectStore(MODELS).delete(id));
  announce();
}

/** The current model: the last one saved or chosen, or null if there is none yet. */
export async function currentModel(): Promise<SavedModel | null> {
  const id = await transact<IDBValidKey | undefined>([META], 'readonly', (tx) => tx.objectStore(META).get(CURRENT_KEY));
  if (id === undefined) return null;
  const model = await transact<SavedModel | undefined>([MODELS], 'readonly', (tx) => tx.objectStore(MODELS).get(id));
  return model ?? null;
}

/** Calls `onChange` whenever a model is saved, chosen or deleted (here or in another tab). */
export function watchModels(onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(MODELS_CHANNEL);
  channel.onmessage = () => onChange();
  return () => channel.close();
}
