// Lighthouse (desktop preset) on every page of the built site, in Debian's Chromium, plus the
// JavaScript a page ships before any interaction, measured gzip-compressed.
// Usage: npm run build && npm run audit
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const port = Number(process.env.AUDIT_PORT ?? 4350);
const dist = process.env.AUDIT_DIST ?? 'dist';
const origin = `http://127.0.0.1:${port}`;
const paths = ['/', ...readdirSync('content/chapters').filter((f) => f.endsWith('.mdx')).sort().map((f) => `/${f.slice(0, -4)}/`)];

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await fetch(origin).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no server at ${origin}`);
}

interface NetworkItem {
  url: string;
  resourceType?: string;
}

async function compressedScriptBytes(items: NetworkItem[]): Promise<number> {
  const scripts = items.filter((item) => item.resourceType === 'Script' && item.url.startsWith(origin));
  const sizes = await Promise.all(
    scripts.map(async (s) => gzipSync(Buffer.from(await (await fetch(s.url)).arrayBuffer())).length),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

const server = spawn('npm', ['run', 'preview', '--', '--host', '127.0.0.1', '--port', String(port), '--outDir', dist, '--ignore-lock'], {
  stdio: 'ignore',
  detached: true,
});
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: chromiumArgs });
try {
  await waitForServer();
  console.log('page'.padEnd(36), 'perf  a11y  best  seo   JS kB (gzip)  CLS');
  for (const path of paths) {
    const result = await lighthouse(`${origin}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' }, desktopConfig);
    const lhr = result!.lhr;
    const score = (id: string) => String(Math.round((lhr.categories[id]?.score ?? 0) * 100)).padEnd(6);
    const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] })?.items ?? []);
    const js = (await compressedScriptBytes(items)) / 1024;
    const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
    console.log(
      path.padEnd(36),
      score('performance') + score('accessibility') + score('best-practices') + score('seo'),
      js.toFixed(1).padEnd(13),
      cls.toFixed(3),
    );
  }
} finally {
  await chrome.kill();
  process.kill(-server.pid!);
}
