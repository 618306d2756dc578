// Screenshots of pages as a reader sees them: light and dark, desktop and 390 px wide.
// Usage: npm run screenshots -- [path ...]   (against a server on http://127.0.0.1:4321)
// Writes PNGs into test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/'];
const out = 'test-results/screenshots';
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const themes = ['light', 'dark'] as const;
const fullPage = process.env.FULL_PAGE !== '0';

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
for (const [device, viewport] of Object.entries(viewports)) {
  for (const theme of themes) {
    const page = await browser.newPage({ viewport, colorScheme: theme });
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.waitForTimeout(300);
      const name = `${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${device}-${theme}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage });
      console.log(`${out}/${name}`);
    }
    await page.close();
  }
}
await browser.close();
