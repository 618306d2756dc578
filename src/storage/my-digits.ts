// The reader's own drawn digits (chapter 15's personal test set) in IndexedDB, through idb like the
// saved models: they survive a reload and stay in this browser. A database of their own, so adding
// it changes nothing in the model store's schema.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DrawnDigit } from '../data/personal-test.ts';

const DB_NAME = 'nn-from-scratch-my-digits';
const DIGITS = 'digits' as const;

export interface StoredDigit extends DrawnDigit {
  id: number;
  drawnAt: string;
}

interface Schema extends DBSchema {
  digits: { key: number; value: StoredDigit };
}

async function open(): Promise<IDBPDatabase<Schema>> {
  if (typeof indexedDB === 'undefined') throw new Error('This browser has no IndexedDB, so your digits cannot be kept.');
  try {
    return await openDB<Schema>(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(DIGITS, { keyPath: 'id', autoIncrement: true });
      },
    });
  } catch (error) {
    throw new Error(`Could not open the store of your digits: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function withStore<T>(work: (db: IDBPDatabase<Schema>) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Keeps one drawing with the label its writer meant; resolves to the stored record. */
export async function addDigit(digit: DrawnDigit): Promise<StoredDigit> {
  if (!Number.isInteger(digit.label) || digit.label < 0 || digit.label > 9) throw new RangeError(`addDigit: the label must be a digit 0 … 9, got ${digit.label}`);
  const record = { label: digit.label, pixels: digit.pixels, drawnAt: new Date().toISOString() };
  const id = await withStore((db) => db.add(DIGITS, record as StoredDigit));
  return { ...record, id };
}

/** Every kept drawing, oldest first. */
export async function listDigits(): Promise<StoredDigit[]> {
  return withStore((db) => db.getAll(DIGITS));
}

export async function deleteDigit(id: number): Promise<void> {
  await withStore((db) => db.delete(DIGITS, id));
}

export async function deleteAllDigits(): Promise<void> {
  await withStore((db) => db.clear(DIGITS));
}
