// JavaScript a page transfers before the reader interacts: every script the page requests from
// navigation until the network has been idle for a while, in bytes over the wire (Chrome DevTools
// Protocol's encodedDataLength), counted on a fresh profile with the cache off.
// Usage: npm run first-load-js -- [path ...]   (against a server on BASE_URL, default http://127.0.0.1:4321)
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/'];

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
for (const path of paths) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script' || e.response.mimeType.includes('javascript')) scripts.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(2000); // anything started late (idle callbacks) would show up here
  const rows = [...scripts].map(([id, url]) => [url.replace(base, ''), bytes.get(id) ?? 0] as const);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  console.log(`${path}: ${rows.length} scripts, ${total} bytes of JavaScript before interaction`);
  for (const [url, n] of rows) console.log(`  ${n}\t${url}`);
  await context.close();
}
await browser.close();
