// IDX, the file format MNIST comes in (pure functions, safe in the browser and in Node).
// A big-endian header, then raw unsigned bytes:
//   images: magic 2051, count, rows, cols, then count·rows·cols pixels (0 = background, 255 = ink)
//   labels: magic 2049, count, then count labels (0 … 9)
import { Matrix } from '../engine/index.ts';

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** Image n's pixel (r, c) is pixels[n·rows·cols + r·cols + c]. */
  pixels: Uint8Array;
}

function header(bytes: Uint8Array, name: string, words: number, magic: number, kind: string): number[] {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new Error(`${name}: this is a gzip-compressed file; decompress it first`);
  }
  if (bytes.length < 4 * words) {
    throw new Error(`${name}: file is ${bytes.length} bytes, too short for the ${4 * words}-byte IDX ${kind} header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = Array.from({ length: words }, (_, w) => view.getUint32(4 * w, false));
  if (values[0] !== magic) {
    const hint = values[0] === LABELS_MAGIC ? ' (that is a label file)' : values[0] === IMAGES_MAGIC ? ' (that is an image file)' : '';
    throw new Error(`${name}: magic number is ${values[0]}${hint}, expected ${magic} for an IDX ${kind} file`);
  }
  return values;
}

/** Parses an IDX image file, checking its magic number and that its length matches the header. */
export function parseIdxImages(bytes: Uint8Array, name = 'images'): IdxImages {
  const [, count, rows, cols] = header(bytes, name, 4, IMAGES_MAGIC, 'image');
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) {
    throw new Error(`${name}: expected ${expected} bytes for ${count} images of ${rows}×${cols}, got ${bytes.length}`);
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Parses an IDX label file, checking its magic number and length. */
export function parseIdxLabels(bytes: Uint8Array, name = 'labels'): Uint8Array {
  const [, count] = header(bytes, name, 2, LABELS_MAGIC, 'label');
  const expected = 8 + count;
  if (bytes.length !== expected) {
    throw new Error(`${name}: expected ${expected} bytes for ${count} labels, got ${bytes.length}`);
  }
  return bytes.subarray(8);
}

/**
 * Images → X (784, m): image j becomes column j, each pixel divided by 255 so the
 * inputs lie in [0, 1]. Choose the images by a list of indices or a {start, count} range.
 */
export function imagesToMatrix(
  pixels: Uint8Array,
  select: ArrayLike<number> | { start: number; count: number },
  pixelsPerImage = 784,
): Matrix {
  const indices = 'start' in select ? Array.from({ length: select.count }, (_, i) => select.start + i) : select;
  const available = Math.floor(pixels.length / pixelsPerImage);
  const m = indices.length;
  const X = new Matrix(pixelsPerImage, m);
  for (let j = 0; j < m; j++) {
    const n = indices[j];
    if (!Number.isInteger(n) || n < 0 || n >= available) {
      throw new RangeError(`imagesToMatrix: image ${n} does not exist; there are ${available} images`);
    }
    const offset = n * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) X.data[p * m + j] = pixels[offset + p] / 255;
  }
  return X;
}
