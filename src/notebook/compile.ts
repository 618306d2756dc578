// The page-side compiler (loaded on the first Run): TypeScript cell → the body the kernel runs.
import { transpile } from './transpile.ts';
import { rewrite, type RewrittenCell } from './rewrite.ts';

export { CellSyntaxError } from './transpile.ts';
export type { RewrittenCell } from './rewrite.ts';

export function compileCell(ts: string): RewrittenCell {
  return rewrite(transpile(ts));
}
