// MNIST in the browser: downloads the build's compact gzip chunks (src/pages/data/mnist/[file].ts)
// with progress, decompresses them natively, and keeps them in the Cache API so a reload does not
// download again. A chunk is cached only after it downloaded completely and decoded cleanly, so an
// interrupted download never leaves half a dataset behind.
import type { Dataset } from '../engine/index.ts';
import { imagesToMatrix } from './idx.ts';
import { MNIST_FILES, decodeSplit, gunzip, type EncodedSplit } from './encode.ts';

export interface MnistSplit {
  count: number;
  /** count·784 bytes; image n's pixel (r, c) is images[n·784 + r·28 + c], 0 … 255. */
  images: Uint8Array;
  labels: Uint8Array;
  /** The 784 bytes of image i. */
  image(i: number): Uint8Array;
  /** Images start … start+count−1 as X (784, count) in [0, 1] and their labels. */
  dataset(start?: number, count?: number): Dataset;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

export interface LoadProgress {
  /** Bytes received so far (cached files count as received). */
  loaded: number;
  /** Total compressed bytes, once every file's size is known; 0 before. */
  total: number;
  /** loaded / total in [0, 1] (0 while the total is unknown). */
  fraction: number;
  /** Which files are still downloading. */
  files: string[];
}

export interface LoadOptions {
  /** All 60,000 training images instead of the first 10,000. */
  full?: boolean;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
  /** Where the chunks are served; default `${import.meta.env.BASE_URL}data/mnist/`. */
  baseUrl?: string;
}

const CACHE_NAME = 'nn-from-scratch-mnist-v1';
const PIXELS = 784;
const decoded = new Map<string, Promise<EncodedSplit>>();

function defaultBase(): string {
  const base = (import.meta.env?.BASE_URL as string | undefined) ?? '/';
  return new URL(`${base.replace(/\/?$/, '/')}data/mnist/`, self.location.href).href;
}

/**
 * Resolves to MNIST's training images (default: the first 10,000; `full`: all 60,000) and the
 * 10,000 test images. Rejects with a message naming the file and what went wrong.
 */
export async function loadMnist(options: LoadOptions = {}): Promise<Mnist> {
  const base = options.baseUrl ?? defaultBase();
  const trainNames = options.full ? MNIST_FILES.train : MNIST_FILES.train.slice(0, 1);
  const names = [...trainNames, ...MNIST_FILES.test];
  let failed = false;
  // Once one file fails the load has failed: the other files' progress must not be reported after it.
  const tracker = progressTracker(names, (p) => !failed && options.onProgress?.(p));
  const chunks = await Promise.all(names.map((name) => fetchChunk(base, name, tracker, options.signal))).catch((error) => {
    failed = true;
    throw error;
  });
  return {
    train: makeSplit(chunks.slice(0, trainNames.length)),
    test: makeSplit(chunks.slice(trainNames.length)),
  };
}

/** One chunk: memory, then the Cache API, then the network. Failed attempts are forgotten so a retry works. */
function fetchChunk(base: string, name: string, tracker: Tracker, signal?: AbortSignal): Promise<EncodedSplit> {
  const url = `${base}${name}.bin`;
  let pending = decoded.get(url);
  if (!pending) {
    pending = download(url, name, tracker, signal);
    decoded.set(url, pending);
    pending.catch(() => decoded.delete(url));
  } else {
    pending.then(() => tracker.done(name), () => undefined);
  }
  return pending;
}

async function download(url: string, name: string, tracker: Tracker, signal?: AbortSignal): Promise<EncodedSplit> {
  const cache = await openCache();
  const hit = await cache?.match(url);
  if (hit) {
    try {
      const split = await decode(new Uint8Array(await hit.arrayBuffer()), name);
      tracker.done(name);
      return split;
    } catch {
      await cache?.delete(url); // a damaged cache entry: download it again
    }
  }
  const bytes = await fetchWithProgress(url, name, tracker, signal);
  const split = await decode(bytes, name);
  await cache?.put(url, new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
  tracker.done(name);
  return split;
}

async function fetchWithProgress(url: string, name: string, tracker: Tracker, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new Error(`MNIST download of ${name} failed before it started: ${reason(error)}. Check the connection and retry.`);
  }
  if (!response.ok || !response.body) {
    throw new Error(`MNIST download of ${name} failed: the server answered ${response.status} ${response.statusText}.`);
  }
  // With a Content-Encoding the browser decodes the body itself and Content-Length counts the
  // encoded bytes: use it for progress only. decodeSplit checks the length exactly either way.
  const encoded = response.headers.has('Content-Encoding');
  const expected = Number(response.headers.get('Content-Length')) || 0;
  tracker.size(name, expected);
  const parts: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      tracker.received(name, received);
    }
  } catch (error) {
    throw new Error(`MNIST download of ${name} was interrupted after ${mb(received)} of ${mb(expected)}: ${reason(error)}. Nothing was kept; retry.`);
  }
  if (expected && !encoded && received !== expected) {
    throw new Error(`MNIST download of ${name} stopped after ${mb(received)} of ${mb(expected)}. Nothing was kept; retry.`);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** Decompresses (unless the server already did, as some send .gz with Content-Encoding) and checks. */
async function decode(bytes: Uint8Array, name: string): Promise<EncodedSplit> {
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = await gunzip(bytes);
    } catch (error) {
      throw new Error(`MNIST file ${name} is damaged: decompressing it failed (${reason(error)}). Retry.`);
    }
  }
  return decodeSplit(raw, `MNIST file ${name}`);
}

async function openCache(): Promise<Cache | null> {
  try {
    return 'caches' in self ? await caches.open(CACHE_NAME) : null;
  } catch {
    return null; // e.g. a private window without storage: download every time
  }
}

function makeSplit(chunks: EncodedSplit[]): MnistSplit {
  const count = chunks.reduce((n, c) => n + c.count, 0);
  const images = chunks.length === 1 ? chunks[0].pixels : concat(chunks.map((c) => c.pixels));
  const labels = chunks.length === 1 ? chunks[0].labels : concat(chunks.map((c) => c.labels));
  return {
    count,
    images,
    labels,
    image(i) {
      if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`image: ${i} does not exist; there are ${count} images`);
      return images.subarray(i * PIXELS, (i + 1) * PIXELS);
    },
    dataset(start = 0, n = count - start) {
      if (start < 0 || n < 0 || start + n > count) {
        throw new RangeError(`dataset: images ${start} … ${start + n - 1} do not exist; there are ${count}`);
      }
      return { X: imagesToMatrix(images, { start, count: n }), labels: labels.slice(start, start + n) };
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

interface Tracker {
  size(name: string, bytes: number): void;
  received(name: string, bytes: number): void;
  done(name: string): void;
}

/** Sums the files' progress into one report; a file's total is known once its headers arrive. */
function progressTracker(names: readonly string[], onProgress?: (p: LoadProgress) => void): Tracker {
  const sizes = new Map<string, number>();
  const got = new Map<string, number>();
  const finished = new Set<string>();
  const report = () => {
    if (!onProgress) return;
    const known = names.every((n) => sizes.has(n) || finished.has(n));
    const total = known ? names.reduce((s, n) => s + (sizes.get(n) ?? got.get(n) ?? 0), 0) : 0;
    const loaded = names.reduce((s, n) => s + (got.get(n) ?? 0), 0);
    const fraction = finished.size === names.length ? 1 : total ? Math.min(loaded / total, 0.999) : 0;
    onProgress({ loaded, total, fraction, files: names.filter((n) => !finished.has(n)) });
  };
  return {
    size(name, bytes) { sizes.set(name, bytes); report(); },
    received(name, bytes) { got.set(name, bytes); report(); },
    done(name) {
      finished.add(name);
      if (!sizes.has(name)) sizes.set(name, got.get(name) ?? 0);
      report();
    },
  };
}

function mb(bytes: number): string {
  return bytes ? `${(bytes / 1e6).toFixed(1)} MB` : 'an unknown size';
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Training images 50,000 … 59,999 alone (one chunk): the validation set that the bundled network held
 * out, and that chapter 11's panel never trains on (it holds them out too when all 60,000 are loaded).
 */
export async function loadValidationImages(options: Omit<LoadOptions, 'full'> = {}): Promise<MnistSplit> {
  const base = options.baseUrl ?? defaultBase();
  const name = MNIST_FILES.train[MNIST_FILES.train.length - 1];
  const tracker = progressTracker([name], (p) => options.onProgress?.(p));
  return makeSplit([await fetchChunk(base, name, tracker, options.signal)]);
}
