import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

// After each build, write sw.js: the service worker with this build's file list and version.
// Runs after the search index so the index is cached too (integration order in astro.config.mjs).

const SKIP = [/^data\/mnist\//, /^sw\.js$/, /^_headers$/]; // _headers: the static host's configuration

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !SKIP.some((pattern) => pattern.test(path)))
    .sort();
}

/** The URL a file is requested by: a page's index.html is fetched as its folder. */
export function urlOf(path: string): string {
  if (path === 'index.html') return './';
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

export default function offline(): AstroIntegration {
  return {
    name: 'nn-offline',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const files = filesUnder(site);
        const hash = createHash('sha256');
        for (const file of files) hash.update(file).update(readFileSync(join(site, file)));
        const version = hash.digest('hex').slice(0, 12);
        const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
        const worker = template
          .replace('__VERSION__', version)
          .replace('__PRECACHE__', JSON.stringify(files.map(urlOf)));
        writeFileSync(join(site, 'sw.js'), worker);
        logger.info(`service worker ${version}: ${files.length} files for offline reading`);
      },
    },
  };
}
