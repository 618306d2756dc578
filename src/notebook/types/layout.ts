// How a page's cells become files for the type checker. Cells share one scope (rewrite.ts turns each
// top-level declaration into a property of the kernel's global scope), so a cell sees what the cells
// above it declared, the latest declaration of a name winning, as when the page runs in order.
// Each cell is a module of its own: its code, unchanged (so positions need no map), then one
// line that imports the names it uses from the cells above and one that exports what it declares.
// A cell may so redeclare a name (`const rng = …` again) without a conflict, as at run time.

export const LIB_DIR = '/lib';
export const ENV_DIR = '/env';
/** The standard library of the kernel, a worker (lib.<name>.d.ts). */
export const LIBS = ['es2023', 'webworker'];
/** The declarations `import … from 'nn'` resolves to. */
export const NN_ENTRY = `${ENV_DIR}/src/notebook/cell-env.d.ts`;
/** The prelude's globals: show, showImage, plot, progress, check. */
export const GLOBALS_FILE = `${ENV_DIR}/globals.d.ts`;

export function cellPath(index: number): string {
  return `/cells/cell-${index + 1}.ts`;
}

export interface CellSource {
  code: string;
  /** Top-level names the cell declares (values and types), its imports included. */
  declared: string[];
}

/** The text of each cell's file, in page order. */
export function cellFiles(cells: CellSource[]): string[] {
  const latest = new Map<string, number>();
  return cells.map((cell, index) => {
    const own = new Set(cell.declared);
    const from = new Map<number, string[]>();
    for (const [name, definer] of latest) {
      if (own.has(name)) continue;
      from.set(definer, [...(from.get(definer) ?? []), name]);
    }
    const imports = [...from].map(([definer, names]) => `import { ${names.join(', ')} } from '.${cellPath(definer).slice('/cells'.length)}';`);
    for (const name of own) latest.set(name, index);
    return `${cell.code}\n;${imports.join(' ')} export { ${[...own].join(', ')} };\n`;
  });
}

export type Severity = 'error' | 'warning' | 'info';

export interface CellDiagnostic {
  from: number;
  to: number;
  severity: Severity;
  message: string;
}

/**
 * A checker diagnostic → one under the reader's code, or null when it concerns only the lines the
 * layout added (an import the reader never wrote). A span reaching past the code is cut at its end;
 * an empty one is widened to a character so it can be underlined.
 */
export function toCellDiagnostic(start: number | undefined, length: number | undefined, codeLength: number, severity: Severity, message: string): CellDiagnostic | null {
  const from = start ?? 0;
  if (from > codeLength) return null;
  let to = Math.min(from + (length ?? 0), codeLength);
  let begin = from;
  if (to === begin) {
    if (to < codeLength) to++;
    else if (begin > 0) begin--;
  }
  return { from: begin, to, severity, message };
}
