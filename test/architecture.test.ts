// The shape of the code, checked: the engine is pure TypeScript with no platform code and no import
// cycle; the fast path plugs in from its own folder; and nothing reaches past a folder's front door.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** The folders with a front door, and the files that are their front doors. */
const FRONT_DOORS: Record<string, string[]> = {
  'src/engine': ['index.ts'],
  'src/accel': ['index.ts', 'browser.ts', 'node.ts'],
};

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'build' || entry.name === 'node_modules' ? [] : files(path);
    return /\.(ts|tsx|mdx|astro)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports (static, dynamic and `new URL(…, import.meta.url)`), as written. */
function imports(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const found = [...source.matchAll(/(?:^|[^.\w])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

/** The repository path an import resolves to, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(root, resolve(root, dirname(file), specifier.replace(/\?.*$/, '')));
}

/** What it contains without comments and string literals (so that a comment or a message may say "window" or `fetch`). */
function code(file: string): string {
  return readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''");
}

const engine = files('src/engine');

describe('the engine (src/engine)', () => {
  it('imports only its own files: no packages, no Node modules, no bundler imports', () => {
    for (const file of engine) {
      for (const specifier of imports(file)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[\w-]+\.ts$/);
      }
    }
  });

  it('uses no platform: no DOM, no worker, no Node, no network', () => {
    // MessageChannel and performance are the language's timers' kin on every platform; these are not
    const platform = /\b(process|document|window|self|Worker|importScripts|fetch|navigator|localStorage|indexedDB|require)\b|import\.meta/g;
    const found = engine.flatMap((file) => [...code(file).matchAll(platform)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  for (const folder of Object.keys(FRONT_DOORS)) {
    it(`has no import cycle in ${folder}`, () => {
      const graph = new Map(files(folder).map((file) => [file, imports(file).map((s) => target(file, s)).filter((t): t is string => t?.startsWith(folder) ?? false)]));
      const state = new Map<string, 'visiting' | 'done'>();
      const visit = (file: string, path: string[]): void => {
        if (state.get(file) === 'done') return;
        if (state.get(file) === 'visiting') throw new Error(`import cycle: ${[...path.slice(path.indexOf(file)), file].join(' → ')}`);
        state.set(file, 'visiting');
        for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
        state.set(file, 'done');
      };
      for (const file of graph.keys()) visit(file, []);
    });
  }
});

describe('front doors', () => {
  const everything = ['src', 'components', 'content', 'test'].flatMap(files);
  for (const [folder, doors] of Object.entries(FRONT_DOORS)) {
    it(`nothing outside ${folder} imports past ${doors.join(', ')} (its own tests and ?raw source shown in a chapter aside)`, () => {
      const ownTests = folder.replace(/^src\//, 'test/');
      const offenders = everything
        .filter((file) => !file.startsWith(`${folder}/`) && !file.startsWith(`${ownTests}/`))
        .flatMap((file) => imports(file).filter((s) => !s.endsWith('?raw')).map((s) => [file, target(file, s)] as const))
        .filter(([, path]) => path?.startsWith(`${folder}/`) && !doors.some((door) => path === `${folder}/${door}`))
        .map(([file, path]) => `${file} → ${path}`);
      expect(offenders).toEqual([]);
    });
  }

  it('the check itself finds an import past a front door', () => {
    expect(target('src/worker/x.ts', '../engine/backprop.ts')).toBe('src/engine/backprop.ts');
    expect(imports('test/architecture.test.ts')).toContain('vitest');
  });
});
