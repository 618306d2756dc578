// Prepares a reader's drawing the way MNIST's digits were prepared, so the network sees the same
// kind of input it was trained on:
//   1. RGBA → gray ink in [0, 1]: composite over white (ink may live only in the alpha channel),
//      then invert, because drawings are dark on light and MNIST is light ink on a dark background;
//   2. crop to the ink's bounding box;
//   3. scale it to fit a 20×20 box, keeping the aspect ratio (area-averaged, so strokes stay smooth);
//   4. place it in 28×28 so its centre of mass sits at the middle, (14, 14).
// Pure functions: no DOM, so tests run them on hand-made pixel arrays.

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major, one value per pixel in [0, 1]: 0 = background, 1 = full ink. */
  data: Float32Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Preprocessed {
  empty: false;
  /** The network's input: 784 values in [0, 1], row by row (pixel (r, c) is x[28r + c]). */
  x: Float32Array;
  /** Step 1: ink per canvas pixel. */
  gray: GrayImage;
  /** Step 2: the ink's bounding box in canvas pixels. */
  box: Box;
  /** Step 3: the cropped ink scaled into 20×20 (its longer side is 20). */
  fitted: GrayImage;
  /** Step 4: 28×28 with the centre of mass moved to (14, 14); the same numbers as x. */
  centred: GrayImage;
  /** Where the fitted image's top-left corner went in the 28×28 grid. */
  offset: { x: number; y: number };
}

export type PreprocessResult = Preprocessed | { empty: true; gray: GrayImage };

export const SIZE = 28;
export const FIT = 20;
/** Ink weaker than this (anti-aliasing dust) does not widen the bounding box. */
const INK_THRESHOLD = 0.05;

export function preprocessCanvas(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): PreprocessResult {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`preprocessCanvas: a ${width}×${height} RGBA image has ${width * height * 4} bytes, got ${rgba.length}`);
  }
  const gray = toInk(rgba, width, height);
  const box = inkBox(gray);
  if (!box) return { empty: true, gray };
  const fitted = fitInto(crop(gray, box), FIT);
  const { image: centred, offset } = centreByMass(fitted, SIZE);
  return { empty: false, x: centred.data, gray, box, fitted, centred, offset };
}

/** Step 1. Each pixel over a white page: shown = a·rgb + (1 − a)·255; ink = 1 − luminance/255. */
export function toInk(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayImage {
  const data = new Float32Array(width * height);
  for (let p = 0; p < data.length; p++) {
    const a = rgba[4 * p + 3] / 255;
    const luminance = 0.299 * rgba[4 * p] + 0.587 * rgba[4 * p + 1] + 0.114 * rgba[4 * p + 2];
    const shown = a * luminance + (1 - a) * 255;
    data[p] = 1 - shown / 255;
  }
  return { width, height, data };
}

/** Step 2's box: the smallest rectangle holding every pixel with ink above the threshold. */
export function inkBox({ width, height, data }: GrayImage): Box | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] <= INK_THRESHOLD) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

export function crop(image: GrayImage, box: Box): GrayImage {
  const data = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * image.width + box.x;
    data.set(image.data.subarray(from, from + box.width), y * box.width);
  }
  return { width: box.width, height: box.height, data };
}

/** Step 3: scale so the longer side is `size`, keeping the aspect ratio. */
export function fitInto(image: GrayImage, size: number): GrayImage {
  const s = size / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * s));
  const height = Math.max(1, Math.round(image.height * s));
  return resample(image, width, height);
}

/**
 * Area averaging: each output pixel is the mean of the source area it covers (exact overlaps,
 * so shrinking a 280-pixel stroke keeps its total ink instead of dropping pixels).
 */
export function resample(image: GrayImage, width: number, height: number): GrayImage {
  const sx = image.width / width;
  const sy = image.height / height;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = y * sy, bottom = top + sy;
    for (let x = 0; x < width; x++) {
      const left = x * sx, right = left + sx;
      let sum = 0;
      for (let v = Math.floor(top); v < Math.min(Math.ceil(bottom), image.height); v++) {
        const wy = Math.min(bottom, v + 1) - Math.max(top, v);
        for (let u = Math.floor(left); u < Math.min(Math.ceil(right), image.width); u++) {
          const wx = Math.min(right, u + 1) - Math.max(left, u);
          sum += wx * wy * image.data[v * image.width + u];
        }
      }
      data[y * width + x] = Math.min(1, sum / (sx * sy));
    }
  }
  return { width, height, data };
}

/**
 * The ink-weighted mean position in pixel indices (pixel (r, c) is at x = c, y = r). Real MNIST
 * digits have theirs at (14, 14) to within half a pixel in these coordinates, so that is the target.
 */
export function centreOfMass({ width, height, data }: GrayImage): { x: number; y: number } {
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = data[y * width + x];
      mass += ink;
      mx += ink * x;
      my += ink * y;
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass } : { x: (width - 1) / 2, y: (height - 1) / 2 };
}

/**
 * Step 4: a whole-pixel shift putting the centre of mass at (size/2, size/2) = (14, 14), clamped so the
 * fitted image stays inside the grid (a 20-pixel digit can be off-centre by at most 4 pixels).
 */
export function centreByMass(fitted: GrayImage, size: number): { image: GrayImage; offset: { x: number; y: number } } {
  const cm = centreOfMass(fitted);
  const place = (c: number, extent: number) => Math.min(size - extent, Math.max(0, Math.round(size / 2 - c)));
  const offset = { x: place(cm.x, fitted.width), y: place(cm.y, fitted.height) };
  const data = new Float32Array(size * size);
  for (let y = 0; y < fitted.height; y++) {
    data.set(fitted.data.subarray(y * fitted.width, (y + 1) * fitted.width), (y + offset.y) * size + offset.x);
  }
  return { image: { width: size, height: size, data }, offset };
}
