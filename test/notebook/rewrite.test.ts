import { describe, expect, it } from 'vitest';
import { rewrite } from '../../src/notebook/rewrite.ts';
import { compileCell } from '../../src/notebook/compile.ts';
import { createHeadlessKernel } from '../../src/notebook/headless.ts';
import * as engine from '../../src/engine/index.ts';

const lineCount = (s: string) => s.split('\n').length;

describe('rewrite of top-level declarations', () => {
  it('lists every top-level name: const, let, var, function, class, destructuring, imports', () => {
    const { declared } = rewrite([
      "import { Matrix, softmax as sm } from 'nn';",
      "import * as nn from 'nn';",
      'const a = 1, b = 2;',
      'let c;',
      'var d = 3;',
      'function f() { const inner = 1; return inner; }',
      'class K {}',
      'const { e, g: [h, ...rest], i = 4 } = obj;',
      'for (const loopVar of []) {}',
    ].join('\n'));
    expect(declared).toEqual(['Matrix', 'sm', 'nn', 'a', 'b', 'c', 'd', 'f', 'K', 'e', 'h', 'rest', 'i']);
  });

  it('never moves a line, even for multi-line imports and declarations', () => {
    const js = "import {\n  Matrix,\n  softmax,\n} from 'nn';\nconst {\n  a,\n  b,\n} = o;\nclass K {\n}\nthrow new Error('line 11');\n";
    const { code } = rewrite(js);
    expect(lineCount(code)).toBe(lineCount(js));
    expect(code.split('\n')[10]).toContain("throw new Error('line 11')");
  });

  it('rewrites import() of nn anywhere in the cell', () => {
    const { code } = rewrite("const m = await import('nn');\nasync function g() { return import('nn'); }\n");
    expect(code).not.toMatch(/[^_]import\(/);
    expect(code.match(/__import\('nn'\)/g)).toHaveLength(2);
  });

  it('a later cell sees what earlier cells defined (const, let, function, class, destructuring)', async () => {
    const k = createHeadlessKernel(engine);
    const first = await k.run([
      'const rw_a: number = 2;',
      'let rw_b = 3;',
      'function rw_double(x: number) { return 2 * x; }',
      'class RwBox { constructor(public v: number) {} }',
      'const { rw_c, rw_list: [rw_d] } = { rw_c: 5, rw_list: [7] };',
      'const rw_early = rw_late(1); // a function declared below is hoisted within its cell',
      'function rw_late(x: number) { return x + 1; }',
    ].join('\n'));
    expect(first.error).toBeUndefined();
    const second = await k.run('rw_b += 1;\nshow([rw_a, rw_b, rw_double(rw_a), new RwBox(9).v, rw_c, rw_d, rw_early]);');
    expect(second.error).toBeUndefined();
    expect(second.outputs).toEqual([{ kind: 'value', label: undefined, value: { type: 'text', text: '[2, 4, 4, 9, 5, 7, 2]' } }]);
  });

  it('imports from nn give the engine; top-level await works', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("import { Matrix as M } from 'nn';\nconst nnMod = await import('nn');\nshow(M === nnMod.Matrix && await Promise.resolve(42));");
    expect(r.error).toBeUndefined();
    expect(r.outputs[0]).toMatchObject({ value: { text: '42' } });
  });

  it('reports a runtime error at the line of the reader\'s code, even after rewritten lines', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("import {\n  Matrix,\n} from 'nn';\nconst x: number = 1;\n\nconst y = (x as any).nope.deeper;\n");
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ name: 'TypeError', line: 6 });
  });

  it('reports a syntax error at its line without running anything', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run('show(1);\nconst = 2;\n');
    expect(r.error).toMatchObject({ name: 'SyntaxError', line: 2 });
    expect(r.outputs).toEqual([]);
  });

  it('compileCell refuses export statements with a message', () => {
    expect(() => compileCell('const a = 1;\nexport { a };')).toThrow(/cannot export/);
  });
});

describe('the last expression is shown, as in Jupyter', () => {
  it('returns a final expression without a semicolon, keeping every line in place', () => {
    const js = 'const a = 2;\na *\n  3\n';
    const { code, echoes } = rewrite(js);
    expect(echoes).toBe(true);
    expect(lineCount(code)).toBe(lineCount(js));
    expect(code).toContain('return (a *\n  3)');
  });

  it('a trailing semicolon, an assignment or a printing call shows nothing', () => {
    for (const js of ['const a = 2;\na;', 'let b = 1;\nb = 2', 'let c = 1;\nc++', "show(1, 'one')", 'console.log(1)', 'await check("f", f, g, [[1]])']) {
      expect(rewrite(js).echoes, js).toBe(false);
    }
  });

  it('the kernel shows the value, a Matrix as numpy prints it; nothing for undefined', async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("import { Matrix } from 'nn';\nconst M = Matrix.fromArray([[1, -2], [3, 40]]);\nM");
    expect(r.error).toBeUndefined();
    expect(r.outputs).toHaveLength(1);
    expect(r.outputs[0]).toMatchObject({ kind: 'value', echo: true, value: { type: 'array', caption: 'Matrix (2, 2)', text: '[[ 1, -2],\n [ 3, 40]]' } });
    expect((await k.run('M.shape')).outputs[0]).toMatchObject({ value: { type: 'text', text: '[2, 2]' } });
    expect((await k.run('M.shape;')).outputs).toEqual([]);
    expect((await k.run('void 0')).outputs).toEqual([]);
    expect((await k.run('await Promise.resolve(7)')).outputs[0]).toMatchObject({ value: { text: '7' } });
  });
});

describe('imports say what is missing', () => {
  it("a name 'nn' lacks fails at its line with the nearest real name", async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("const before = 1;\nimport { Matrix, softMax } from 'nn';\n");
    expect(r.error).toMatchObject({ name: 'ImportError', line: 2, message: "'nn' has no export named 'softMax': did you mean 'softmax'?" });
    const far = await k.run("import { zzzzzz } from 'nn';");
    expect(far.error?.message).toMatch(/^'nn' has no export named 'zzzzzz'\. It offers: .*matmul.*softmax/);
  });

  it("importing from anything but 'nn' says what can be imported", async () => {
    const k = createHeadlessKernel(engine);
    const r = await k.run("import * as np from 'numpy';");
    expect(r.error).toMatchObject({ name: 'ImportError', line: 1 });
    expect(r.error?.message).toMatch(/^cells can import only from 'nn', not 'numpy'\. 'nn' offers: .*Matrix.*matmul/);
    expect((await k.run("const m = await import('fs');")).error?.message).toMatch(/only from 'nn', not 'fs'/);
  });
});
