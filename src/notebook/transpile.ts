// TypeScript → JavaScript for one cell: types are stripped by sucrase, nothing else changes.
// keepUnusedImports: an import may be meant for a later cell, so it must survive.
// disableESTransforms: no helpers injected, no syntax reprinted, so every line stays where it was.
import { transform } from 'sucrase';

/** A cell that cannot be compiled; `line` counts from 1 in the reader's own code. */
export class CellSyntaxError extends Error {
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = 'SyntaxError';
    this.line = line;
    this.column = column;
  }
}

// sucrase deletes `namespace` blocks without a word, so the reader would see their code vanish.
const NAMESPACE = /^[ \t]*(?:export\s+)?(?:declare\s+)?(?:namespace|module)\s+[A-Za-z_$][\w$.]*\s*\{/m;

export function transpile(ts: string): string {
  const namespace = NAMESPACE.exec(ts);
  if (namespace) {
    const line = ts.slice(0, namespace.index).split('\n').length;
    throw new CellSyntaxError(
      'TypeScript namespaces are not supported in cells: declare the functions and constants at the top level instead',
      line,
    );
  }
  try {
    return transform(ts, {
      transforms: ['typescript'],
      keepUnusedImports: true,
      disableESTransforms: true,
    }).code;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const message = (e as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new CellSyntaxError(message, loc?.line, loc?.column);
  }
}
