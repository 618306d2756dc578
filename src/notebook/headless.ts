// Run cells from Node (Vitest): compile, run on a kernel, collect each cell's output in order.
import { compileCell, CellSyntaxError } from './compile.ts';
import { createKernel, type RunResult } from './core.ts';
import type { OutputItem } from './protocol.ts';

export interface HeadlessRun extends RunResult {
  outputs: OutputItem[];
}

export function createHeadlessKernel(nn: Record<string, unknown>) {
  const outputs = new Map<number, OutputItem[]>();
  const kernel = createKernel({ nn, emit: (cell, item) => outputs.get(cell)?.push(item) });
  let next = 1;
  return {
    /** Runs TypeScript source as the page's next cell. */
    async run(ts: string): Promise<HeadlessRun> {
      const cell = next++;
      const items: OutputItem[] = [];
      outputs.set(cell, items);
      try {
        const { code, declared } = compileCell(ts);
        return { ...(await kernel.run(cell, code, declared)), outputs: items };
      } catch (e) {
        if (!(e instanceof CellSyntaxError)) throw e;
        return { ok: false, ms: 0, error: { name: e.name, message: e.message, cell, line: e.line, column: e.column }, outputs: items };
      }
    },
  };
}
