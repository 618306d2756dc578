// JavaScript a page transfers before the reader interacts: every script (modules, chunks, workers)
// requested from navigation until the network is idle, counted in bytes over the wire.
// Usage: npm run first-load-js -- [path ...]   (against a server on BASE_URL, default http://127.0.0.1:4321)
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/'];

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
for (const path of paths) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Promise<[string, number]>[] = [];
  context.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script' && !request.url().endsWith('.js')) return;
    sizes.push(request.sizes().then((s) => [request.url(), s.responseBodySize] as [string, number]));
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  const scripts = await Promise.all(sizes);
  const total = scripts.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`${path}: ${scripts.length} scripts, ${total} bytes of JavaScript before interaction`);
  for (const [url, bytes] of scripts) console.log(`  ${bytes}\t${url.replace(base, '')}`);
  await context.close();
}
await browser.close();
