// `npm run bench` (second part): the same one-epoch benchmark as epoch.ts, in Chromium (Debian's, via
// playwright-core), with the WebAssembly SIMD backend and with the TypeScript reference kernels. The
// page is about:blank plus one bundled module (browser-epoch-page.ts); MNIST and the .wasm are served
// from memory through Playwright routes, with the .wasm as application/wasm. Not a test: it only prints.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../tools/chromium.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';

export interface BrowserEpochs {
  userAgent: string;
  results: { backend: string; seconds: number[]; accuracy: number }[];
}

/** Runs the epochs in Chromium; TypeScript rounds are slow (≈ 15 s each), so they are few. */
export async function browserEpochs(wasmRounds = 3, typescriptRounds = 1): Promise<BrowserEpochs> {
  const bundle = await build({
    entryPoints: [new URL('./browser-epoch-page.ts', import.meta.url).pathname],
    bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022',
  });
  const mnist = loadMnist();
  const files: Record<string, { body: Buffer; contentType: string }> = {
    'kernels.wasm': { body: readFileSync(new URL('../../src/engine/wasm/build/kernels.wasm', import.meta.url)), contentType: 'application/wasm' },
    'train-pixels': { body: Buffer.from(mnist.train.pixels), contentType: 'application/octet-stream' },
    'train-labels': { body: Buffer.from(mnist.train.labels), contentType: 'application/octet-stream' },
    'test-pixels': { body: Buffer.from(mnist.test.pixels), contentType: 'application/octet-stream' },
    'test-labels': { body: Buffer.from(mnist.test.labels), contentType: 'application/octet-stream' },
  };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.route('http://bench.invalid/**', (route) => {
      const file = files[new URL(route.request().url()).pathname.slice(1)];
      return file ? route.fulfill({ status: 200, ...file, headers: { 'access-control-allow-origin': '*' } }) : route.abort();
    });
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    return await page.evaluate(
      ([count, w, t]) => (globalThis as unknown as { runBench(c: number, w: number, t: number): Promise<BrowserEpochs> }).runBench(count, w, t),
      [mnist.train.count, wasmRounds, typescriptRounds] as const,
    );
  } finally {
    await browser.close();
  }
}
