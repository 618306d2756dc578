// `npm run bench` (second part): the same one-epoch benchmark as epoch.ts, in Chromium (Debian's, via
// playwright-core), with the WebAssembly SIMD backend on two threads and on one, and with the
// TypeScript reference kernels. The page is an empty cross-origin isolated document (shared
// WebAssembly memory needs that) whose worker runs browser-epoch-worker.ts; MNIST, the .wasm files
// and the scripts are served from memory by a server on 127.0.0.1. Not a test: it only prints.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';
import type { BenchRequest, BenchResult } from './browser-epoch-worker.ts';
import type { CnnEpoch } from './cnn-epoch.ts';

export interface BrowserEpochs {
  userAgent: string;
  results: BenchResult[];
  /** Chapter 16's CNN epoch, when asked for. */
  cnn?: CnnEpoch;
}

const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

async function bundle(file: string): Promise<Buffer> {
  const { outputFiles } = await build({
    entryPoints: [new URL(file, import.meta.url).pathname],
    bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022',
  });
  return Buffer.from(outputFiles[0].text);
}

async function files(): Promise<Record<string, { body: Buffer; contentType: string }>> {
  const mnist = loadMnist();
  const wasm = (name: string) => ({ body: readFileSync(new URL(`../../src/accel/build/${name}`, import.meta.url)), contentType: 'application/wasm' });
  const bytes = (data: Uint8Array) => ({ body: Buffer.from(data), contentType: 'application/octet-stream' });
  const script = (body: Buffer) => ({ body, contentType: 'text/javascript' });
  return {
    '': { body: Buffer.from('<!doctype html><title>epoch benchmark</title>'), contentType: 'text/html' },
    'bench.js': script(await bundle('./browser-epoch-worker.ts')),
    'helper.js': script(await bundle('../../src/accel/step-helper.worker.ts')),
    ...Object.fromEntries(['kernels.wasm', 'kernels-fma.wasm', 'kernels-threads.wasm', 'kernels-threads-fma.wasm'].map((name) => [name, wasm(name)])),
    'train-pixels': bytes(mnist.train.pixels), 'train-labels': bytes(mnist.train.labels),
    'test-pixels': bytes(mnist.test.pixels), 'test-labels': bytes(mnist.test.labels),
  };
}

/** Serves the files on 127.0.0.1 (a trustworthy origin, as cross-origin isolation requires). */
async function serve(): Promise<{ server: Server; origin: string }> {
  const served = await files();
  const server = createServer((request, response) => {
    const file = served[new URL(request.url!, 'http://127.0.0.1').pathname.slice(1)];
    response.writeHead(file ? 200 : 404, { ...ISOLATED, 'content-type': file?.contentType ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Runs the epochs in Chromium; TypeScript rounds are slow (≈ 15 s each), so they are few. */
export async function browserEpochs(wasmRounds = 3, typescriptRounds = 1, { mlp = true, cnn = false } = {}): Promise<BrowserEpochs> {
  const { server, origin } = await serve();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(origin);
    const request: BenchRequest = { trainCount: loadMnist().train.count, wasmRounds, typescriptRounds, mlp, cnn };
    return await page.evaluate((message) => new Promise<BrowserEpochs>((resolve, reject) => {
      const worker = new Worker('bench.js');
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`the benchmark worker failed: ${event.message}`));
      worker.postMessage(message);
    }), request);
  } finally {
    await browser.close();
    server.close();
  }
}
