import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportNotebook, exportScript, type ExportCell } from '../../src/notebook/export.ts';
import { bundleStandalone } from '../../src/notebook/bundle.ts';
import { itemText } from '../../src/notebook/item-text.ts';
import { chapterCells, chapterKernel } from '../chapters/chapter-cells.ts';

const cells: ExportCell[] = [
  { number: 1, code: "import { Matrix, softmax as sm } from 'nn';\nconst X: Matrix = new Matrix(2, 1);\nlet k = 1;" },
  { number: 2, code: "import { Matrix } from 'nn';\nconst X = Matrix.fromArray([[1], [2]]);\nfunction f(v: number): number {\n  const X = v;\n  return X;\n}" },
  { number: 3, code: "import { Matrix } from 'nn';\nfunction flatten(g: number[][]) { return g.flat(); }\ncheck('flatten', flatten, flatten, [[[[1]]]]);", selfContained: true },
];

describe('a chapter as one TypeScript file', () => {
  const script = exportScript(cells, 'Chapter 1');

  it('gathers the imports from nn at the top, from nn.js, with the cells\' helpers', () => {
    expect(script).not.toMatch(/from 'nn'/);
    expect(script.match(/^import .*$/gm)).toEqual(["import { show, showImage, plot, progress, check, Matrix, softmax as sm } from './nn.js';"]);
  });

  it('a name declared again by a later cell is assigned there (types kept), and the first declaration becomes let', () => {
    expect(script).toContain('let X: Matrix = new Matrix(2, 1);');
    expect(script).toContain('X = Matrix.fromArray([[1], [2]]);');
    expect(script).toContain('  const X = v;'); // inside a function: untouched
    expect(script).toContain('let k = 1;');
  });

  it('an exercise cell gets a block of its own', () => {
    expect(script).toContain("// ── Cell 3 (an exercise: its names stay inside its block) ──\n{\n  function flatten");
  });

  it('the notebook has one code cell per page cell, for the Deno kernel', () => {
    const nb = JSON.parse(exportNotebook(cells, 'Chapter 1'));
    expect(nb.metadata.kernelspec.name).toBe('deno');
    expect(nb.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(['markdown', 'code', 'code', 'code', 'code']);
    expect(nb.cells[1].source.join('')).toContain("from './nn.js'");
    expect(nb.cells[3].source.join('')).toBe(script.split('// ── Cell 2 ──\n')[1].split('\n\n// ── Cell 3')[0].replace(/^/, '// ── Cell 2 ──\n'));
  });
});

describe('the exported chapter runs in Node and prints what the page\'s cells show', () => {
  it('chapter 7 (softmax): every cell, exercises included, in order', async () => {
    const slug = '07-softmax';
    const page = chapterCells(slug).map((c, i) => ({ number: i + 1, code: c.code, selfContained: c.meta !== '' }));
    // The page: one kernel, every cell in order; its output as text.
    const kernel = chapterKernel();
    const expected: string[] = [];
    for (const cell of page) {
      const run = await kernel.run(cell.code);
      expect(run.error, `cell ${cell.number}`).toBeUndefined();
      expected.push(...run.outputs.map(itemText));
    }
    // The export: nn.js as the site serves it, the chapter file beside it, run by Node 24.
    const dir = mkdtempSync(join(tmpdir(), 'nn-export-'));
    writeFileSync(join(dir, 'nn.js'), (await bundleStandalone()).replace('__NN_SITE__', 'https://nn-from-scratch.example/'));
    writeFileSync(join(dir, 'chapter.ts'), exportScript(page, 'Chapter 7'));
    const node = resolve('node_modules/node/bin/node');
    const printed = execFileSync(node, ['chapter.ts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(expected.length).toBeGreaterThan(3);
    expect(printed.trimEnd()).toBe(expected.join('\n'));
  }, 90_000);
});
