import { describe, expect, it } from 'vitest';
import { transpile, CellSyntaxError } from '../../src/notebook/transpile.ts';

describe('transpile', () => {
  it('strips types and keeps every line where it was', () => {
    const ts = [
      'interface P { x: number }',
      'const a: number = 1;',
      'function f<T>(v: T): T {',
      '  return v as T;',
      '}',
      'type Q = P | null;',
      'const b = f<number>(a) + 1;',
    ].join('\n');
    const js = transpile(ts);
    expect(js).not.toMatch(/interface|: number|<T>|as T|type Q/);
    const lines = js.split('\n');
    expect(lines.length).toBe(7);
    expect(lines[1]).toContain('const a = 1');
    expect(lines[6]).toContain('const b = f(a) + 1');
    expect(new Function(`${js}; return b;`)()).toBe(2);
  });

  it('keeps imports even when the cell itself does not use them (a later cell may)', () => {
    expect(transpile("import { Matrix } from 'nn';\n")).toContain("import { Matrix } from 'nn'");
  });

  it('injects no helpers and leaves modern syntax alone', () => {
    const js = transpile('const o = { ...a, b: a?.b ?? 1 };\n');
    expect(js.trim()).toBe('const o = { ...a, b: a?.b ?? 1 };');
  });

  it('rejects a namespace with a message and its line, instead of deleting it silently', () => {
    let error: unknown;
    try {
      transpile('const a = 1;\nnamespace Shapes {\n  export const n = 2;\n}\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellSyntaxError);
    expect((error as CellSyntaxError).message).toMatch(/namespaces are not supported/);
    expect((error as CellSyntaxError).line).toBe(2);
  });

  it('reports a syntax error with its line in the reader\'s code', () => {
    try {
      transpile('const a = 1;\nconst b = (;\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });
});
