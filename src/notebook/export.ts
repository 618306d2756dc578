// "Take it home": a chapter's cells as one TypeScript file (Node 24+ or Deno, beside nn.js) and as a
// Jupyter notebook for the Deno kernel. Works on the TypeScript source as the reader wrote it:
// imports from 'nn' are gathered at the top of the file, a name declared again by a later cell is
// assigned instead (a module may declare a name once; the page's kernel allows it), and exercise
// cells, self-contained, get a block of their own so their names stay theirs.

export interface ExportCell {
  /** The cell's number on the page (from 1). */
  number: number;
  code: string;
  /** An exercise or a solution: defines nothing later cells read. */
  selfContained?: boolean;
}

export const PRELUDE_EXPORTS = ['show', 'showImage', 'plot', 'progress', 'check'];
const ENGINE = './nn.js';
const IMPORT_NN = /^import\s+([^;]*?)\s+from\s+['"]nn['"];?[ \t]*\n?/gm;
const TOP_DECLARATION = /^(const|let|var)(\s+)([A-Za-z_$][\w$]*)(\s*:[^=\n]*)?(\s*=)/gm;

interface Imports {
  named: Map<string, string>;
  namespaces: Set<string>;
}

function takeImports(code: string, imports: Imports): string {
  return code.replace(IMPORT_NN, (_, clause: string) => {
    const namespace = /^\*\s+as\s+([\w$]+)$/.exec(clause.trim());
    if (namespace) imports.namespaces.add(namespace[1]);
    for (const part of /\{([\s\S]*)\}/.exec(clause)?.[1].split(',') ?? []) {
      const [imported, local = imported] = part.trim().split(/\s+as\s+/);
      if (imported) imports.named.set(local, imported);
    }
    return '';
  });
}

/** Each cell's code with imports removed and repeated top-level declarations turned into assignments. */
function prepare(cells: ExportCell[]): { imports: Imports; bodies: string[] } {
  const imports: Imports = { named: new Map(), namespaces: new Set() };
  const bodies = cells.map((cell) => takeImports(cell.code, imports).replace(/import\((['"])nn\1\)/g, `import('${ENGINE}')`).trim());
  // Names declared by more than one shared cell: the first becomes `let`, the later ones assignments.
  const firstCell = new Map<string, number>();
  const repeated = new Set<string>();
  bodies.forEach((body, k) => {
    if (cells[k].selfContained) return;
    for (const m of body.matchAll(TOP_DECLARATION)) {
      if (firstCell.has(m[3]) && firstCell.get(m[3]) !== k) repeated.add(m[3]);
      else firstCell.set(m[3], k);
    }
  });
  const out = bodies.map((body, k) => {
    if (cells[k].selfContained) return body;
    return body.replace(TOP_DECLARATION, (whole, keyword: string, space: string, name: string, type = '', equals: string) => {
      if (!repeated.has(name)) return whole;
      return firstCell.get(name) === k ? `let${space}${name}${type}${equals}` : `${name}${equals}`;
    });
  });
  return { imports, bodies: out };
}

function importLines(imports: Imports): string[] {
  const named = [...PRELUDE_EXPORTS, ...[...imports.named].map(([local, imported]) => (local === imported ? local : `${imported} as ${local}`))];
  return [
    `import { ${[...new Set(named)].join(', ')} } from '${ENGINE}';`,
    ...[...imports.namespaces].map((ns) => `import * as ${ns} from '${ENGINE}';`),
  ];
}

function cellHeading(cell: ExportCell): string {
  return `// ── Cell ${cell.number}${cell.selfContained ? ' (an exercise: its names stay inside its block)' : ''} ──`;
}

export function exportScript(cells: ExportCell[], title: string): string {
  const { imports, bodies } = prepare(cells);
  const parts = cells.map((cell, k) => {
    const body = cell.selfContained ? `{\n${indent(bodies[k])}\n}` : bodies[k];
    return `${cellHeading(cell)}\n${body}`;
  });
  return [
    `// ${title}: the page's cells, in order, as one TypeScript file.`,
    '// Run it beside nn.js (downloaded from the same page) with Node 24 or later: node this-file.ts',
    '// or with Deno: deno run --allow-net this-file.ts (loadMnist downloads MNIST from the site).',
    ...importLines(imports),
    '',
    parts.join('\n\n'),
    '',
  ].join('\n');
}

/** A Jupyter notebook (nbformat 4) for the Deno kernel: one code cell per page cell. */
export function exportNotebook(cells: ExportCell[], title: string): string {
  const { imports, bodies } = prepare(cells);
  const source = (text: string) => text.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
  const code = (text: string, id: string) => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source: source(text) });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript' },
    },
    cells: [
      { cell_type: 'markdown', id: 'title', metadata: {}, source: source(`# ${title}\n\nRun the cells in order with the Deno kernel, with nn.js (downloaded from the same page) beside this notebook.`) },
      code(importLines(imports).join('\n'), 'imports'),
      ...cells.map((cell, k) => code(`${cellHeading(cell)}\n${cell.selfContained ? `{\n${indent(bodies[k])}\n}` : bodies[k]}`, `cell-${cell.number}`)),
    ],
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

function indent(text: string): string {
  return text.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
}
