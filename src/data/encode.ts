// The compact MNIST format the site serves (one gzip file per chunk of images).
// Pure functions, the same in the browser and in Node. Uncompressed layout, big-endian like IDX:
//   bytes 0–3   "MNST"
//   bytes 4–7   format version (1)
//   bytes 8–11  count, the number of images n
//   bytes 12–15 rows (28), 16–19 cols (28)
//   then n labels (one byte each, 0 … 9), then n·rows·cols pixels (0 = background, 255 = ink)
// Labels first, so a file's labels and its images can never drift apart as two IDX files can.

const MAGIC = [0x4d, 0x4e, 0x53, 0x54]; // "MNST"
const VERSION = 1;
const HEADER_BYTES = 20;

/** Images of a split, chunked: each file holds at most this many images. */
export const CHUNK_IMAGES = 10_000;
/** 60,000 training images in six files, 10,000 test images in one. */
export const MNIST_FILES = {
  train: ['train-0', 'train-1', 'train-2', 'train-3', 'train-4', 'train-5'],
  test: ['test-0'],
} as const;
export type MnistFileName = (typeof MNIST_FILES)['train' | 'test'][number];

export interface EncodedSplit {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  /** Image n's pixel (r, c) is pixels[n·rows·cols + r·cols + c]. */
  pixels: Uint8Array;
}

/** Images and labels → one uncompressed buffer in the layout above. */
export function encodeSplit({ count, rows, cols, labels, pixels }: EncodedSplit): Uint8Array {
  if (labels.length !== count) throw new Error(`encodeSplit: ${count} images but ${labels.length} labels`);
  if (pixels.length !== count * rows * cols) {
    throw new Error(`encodeSplit: ${count} images of ${rows}×${cols} need ${count * rows * cols} pixels, got ${pixels.length}`);
  }
  const out = new Uint8Array(HEADER_BYTES + count + pixels.length);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, VERSION);
  view.setUint32(8, count);
  view.setUint32(12, rows);
  view.setUint32(16, cols);
  out.set(labels, HEADER_BYTES);
  out.set(pixels, HEADER_BYTES + count);
  return out;
}

/** The inverse of encodeSplit; checks the magic, version, lengths and labels, naming the file. */
export function decodeSplit(bytes: Uint8Array, name = 'data'): EncodedSplit {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    // A server that answers a missing file with its home page (status 200) is the usual cause.
    const start = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
    if (start.startsWith('<')) {
      throw new Error(`${name}: the server sent a web page, not MNIST data`);
    }
    const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is still gzip-compressed)' : '';
    throw new Error(`${name}: not MNIST data in this site's format${gzip}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  if (version !== VERSION) throw new Error(`${name}: format version ${version}, but this site reads version ${VERSION}`);
  const [count, rows, cols] = [view.getUint32(8), view.getUint32(12), view.getUint32(16)];
  const expected = HEADER_BYTES + count + count * rows * cols;
  if (bytes.length !== expected) {
    throw new Error(`${name}: ${count} images of ${rows}×${cols} need ${expected} bytes, the file has ${bytes.length} (truncated?)`);
  }
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + count);
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new Error(`${name}: label ${labels[bad]} at index ${bad} is not a digit`);
  return { count, rows, cols, labels, pixels: bytes.subarray(HEADER_BYTES + count) };
}

/** Decompresses gzip with the platform's DecompressionStream (browsers and Node ≥ 18). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
