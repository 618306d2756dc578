// The editor's type checker for cells: the file layout that mirrors the page's shared scope, the
// mapping of diagnostics onto the reader's code, the generated declarations (the engine's own), and
// the language service over them, including that the book's own cells check clean.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'ts5';
import { cellFiles, cellPath, toCellDiagnostic, NN_ENTRY, GLOBALS_FILE, ENV_DIR } from '../../src/notebook/types/layout.ts';
import { cellEnvironment, globalsDeclaration, type CellEnvironment } from '../../src/notebook/types/declarations.ts';
import { CellTypeService } from '../../src/notebook/types/service.ts';
import { chapterCells } from '../chapters/chapter-cells.ts';

const root = new URL('../../', import.meta.url).pathname;

describe('cellFiles', () => {
  const files = cellFiles([
    { code: "import { createRng } from 'nn';\nconst rng = createRng(1);", declared: ['createRng', 'rng'] },
    { code: 'const W1 = 1;', declared: ['W1'] },
    { code: 'const rng = 2;\nW1 + rng', declared: ['rng'] },
    { code: 'W1 + rng', declared: [] },
  ]);

  it("keeps each cell's code unchanged at the start of its file, so positions need no map", () => {
    expect(files[0].startsWith("import { createRng } from 'nn';\nconst rng = createRng(1);\n")).toBe(true);
    expect(files[3].startsWith('W1 + rng\n')).toBe(true);
  });

  it('imports each name from the latest cell above that declares it, never one the cell declares itself', () => {
    expect(files[0]).not.toContain('import { createRng, rng }');
    expect(files[2]).toContain("import { createRng } from './cell-1.ts';");
    expect(files[2]).toContain("import { W1 } from './cell-2.ts';");
    expect(files[2]).not.toMatch(/import \{[^}]*\brng\b[^}]*\} from '\.\/cell-1\.ts'/);
    // Cell 4 reads rng as cell 3 left it, not cell 1.
    expect(files[3]).toContain("import { rng } from './cell-3.ts';");
  });

  it('exports what each cell declares, and makes every cell a module', () => {
    expect(files[0]).toContain('export { createRng, rng };');
    expect(files[3]).toContain('export {  };');
    expect(cellPath(2)).toBe('/cells/cell-3.ts');
  });
});

describe('toCellDiagnostic', () => {
  it('keeps a span inside the code as it is', () => {
    expect(toCellDiagnostic(4, 3, 20, 'error', 'm')).toEqual({ from: 4, to: 7, severity: 'error', message: 'm' });
  });
  it('cuts a span at the end of the code and drops one wholly in the added lines', () => {
    expect(toCellDiagnostic(18, 10, 20, 'error', 'm')).toMatchObject({ from: 18, to: 20 });
    expect(toCellDiagnostic(21, 5, 20, 'error', 'm')).toBeNull();
  });
  it('widens an empty span to one character so it can be underlined', () => {
    expect(toCellDiagnostic(5, 0, 20, 'error', 'm')).toMatchObject({ from: 5, to: 6 });
    expect(toCellDiagnostic(20, 0, 20, 'error', 'm')).toMatchObject({ from: 19, to: 20 });
  });
});

describe('the generated environment', () => {
  let env: CellEnvironment;
  beforeAll(() => {
    env = cellEnvironment(root);
  });

  it("declares matmul with the engine's own signature and doc comment", () => {
    const source = readFileSync(`${root}src/engine/matmul.ts`, 'utf8');
    const doc = /(\/\*\*[^]*?\*\/)\s*export function matmul\(/.exec(source)![1];
    const declared = env[`${ENV_DIR}/src/engine/matmul.d.ts`];
    expect(declared).toContain(`${doc}\nexport declare function matmul(A: Matrix, B: Matrix): Matrix;`);
    expect(env[NN_ENTRY]).toContain("export * from '../engine/index.ts';");
  });

  it("declares the prelude's globals from cell-globals.ts, doc comments included", () => {
    const globals = env[GLOBALS_FILE];
    expect(globals).toContain('function show(value: unknown, label?: string | { label?: string }): void;');
    expect(globals).toContain('/** Shows a progress bar under the cell; `fraction` from 0 to 1. */');
    expect(globals).toMatch(/function check\(name: string,[^\n]*\): CheckResult;/);
  });

  it('has the standard library of a worker and every library it references', () => {
    expect(env['/lib/lib.webworker.d.ts']).toContain('interface WorkerGlobalScope');
    expect(env['/lib/lib.es5.d.ts']).toContain('interface Array<T>');
  });

  it('fails loudly when cell-globals declares nothing', () => {
    expect(() => globalsDeclaration('export interface CellGlobals {}')).toThrow(/no CellGlobals methods/);
  });
});

describe('CellTypeService', () => {
  let service: CellTypeService;
  beforeAll(() => {
    service = new CellTypeService(ts, cellEnvironment(root));
  });
  const at = (code: string, text: string) => code.indexOf(text);

  it('finds the type errors the run would meet late or never, under the code that has them', () => {
    const code = "import { Matrix, matmul, softmax, createRng } from 'nn';\nconst rng = createRng(1);\nconst W1 = Matrix.randn(3, 4, rng);\nconst X = Matrix.randn(4, 2, rng);\nconst n = matmul(W1, X).shape[2];\nsoftmax(3);";
    service.setCells([code]);
    const found = service.diagnostics(0);
    expect(found).toHaveLength(2);
    expect(code.slice(found[0].from, found[0].to)).toBe('2');
    expect(found[0].message).toMatch(/no element at index '2'/);
    expect(code.slice(found[1].from, found[1].to)).toBe('3');
    expect(found[1].message).toMatch(/'number' is not assignable to parameter of type 'Matrix'/);
  });

  it('checks a cell in the context of the cells above it, as they share one scope', () => {
    const cells = ["import { Matrix, createRng } from 'nn';\nconst rng = createRng(1);\nconst W1 = Matrix.randn(3, 4, rng);", 'const rng = 5;\nW1.shape', 'rng.toFixed(2);\nW1.cols.toFixed()', 'zebraQuux + 1'];
    service.setCells(cells);
    expect(service.diagnostics(1)).toEqual([]);
    expect(service.diagnostics(2)).toEqual([]); // rng is cell 2's number here, not cell 1's Rng
    expect(service.hover(2, 0)?.signature).toBe('const rng: 5');
    expect(service.diagnostics(3).map((d) => d.message)).toEqual(["Cannot find name 'zebraQuux'."]);
  });

  it("completes the engine's names with their signatures and doc comments", () => {
    const code = "import * as nn from 'nn';\nnn.";
    service.setCells([code]);
    const list = service.completions(0, code.length)!;
    expect(list.from).toBe(code.length);
    expect(list.options.map((o) => o.label)).toEqual(expect.arrayContaining(['matmul', 'softmax', 'Matrix', 'train']));
    const details = service.details(0, code.length, 'matmul')!;
    expect(details.signature).toBe('function matmul(A: nn.Matrix, B: nn.Matrix): nn.Matrix');
    expect(details.documentation).toBe('A·B: (n, k)·(k, m) → (n, m). The inner sizes must agree.');
  });

  it("shows a value's type on hover", () => {
    const code = "import { Matrix, matmul } from 'nn';\nconst Z1 = matmul(Matrix.zeros(2, 3), Matrix.zeros(3, 4));";
    service.setCells([code]);
    const hover = service.hover(0, at(code, 'Z1'))!;
    expect(hover.signature).toBe('const Z1: Matrix');
    expect(code.slice(hover.from, hover.to)).toBe('Z1');
  });

  it("finds no type error in any of the book's own cells", () => {
    const errors: string[] = [];
    for (const file of readdirSync(`${root}content/chapters`)) {
      const slug = file.replace(/\.mdx$/, '');
      const cells = chapterCells(slug).map((c) => c.code.replace(/\n$/, ''));
      service.setCells(cells);
      cells.forEach((code, i) => {
        for (const d of service.diagnostics(i)) errors.push(`${slug} cell ${i + 1}: ${code.slice(d.from, d.to)}: ${d.message}`);
      });
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
