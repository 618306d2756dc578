// Build time: the files the editor's type checker needs, generated from this project's own sources
// (never a hand-written copy): the engine's declarations as `nn` (TypeScript 5's declaration emit of
// cell-env.ts, doc comments kept), the prelude's globals (from cell-globals.ts), and the standard
// library of a worker, where cells run. Every path is absolute in the checker's in-memory file system.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'ts5';
import { ENV_DIR, LIB_DIR, LIBS, NN_ENTRY, GLOBALS_FILE } from './layout.ts';

const ENTRY = 'src/notebook/cell-env.ts';
const GLOBALS_SOURCE = 'src/notebook/cell-globals.ts';

/** path → text, for the checker's in-memory host. */
export type CellEnvironment = Record<string, string>;

export function cellEnvironment(root: string): CellEnvironment {
  const files: CellEnvironment = {};
  Object.assign(files, declarations(root), libraries());
  files[GLOBALS_FILE] = globalsDeclaration(readFileSync(join(root, GLOBALS_SOURCE), 'utf8'));
  if (!files[NN_ENTRY]) throw new Error(`cell types: no declarations were emitted for ${ENTRY}`);
  return files;
}

/** The declaration emit of the cells' `nn` module and the prelude's types, with every file they import. */
function declarations(root: string): CellEnvironment {
  const program = ts.createProgram([join(root, ENTRY), join(root, GLOBALS_SOURCE)], {
    declaration: true,
    emitDeclarationOnly: true,
    allowImportingTsExtensions: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    types: [],
    rootDir: root,
  });
  const out: CellEnvironment = {};
  const result = program.emit(undefined, (file, text) => {
    const path = relative(root, resolve(root, file)).split('\\').join('/');
    out[`${ENV_DIR}/${path}`] = text;
  });
  if (result.emitSkipped) {
    throw new Error(`cell types: declaration emit failed: ${result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  }
  return out;
}

/** The standard library files for LIBS and every lib they reference in turn. */
function libraries(): CellEnvironment {
  const dir = dirname(createRequire(import.meta.url).resolve('ts5'));
  const out: CellEnvironment = {};
  const pending = [...LIBS];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const file = `lib.${name}.d.ts`;
    if (out[`${LIB_DIR}/${file}`] !== undefined) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    out[`${LIB_DIR}/${file}`] = text;
    for (const m of text.matchAll(/^\/\/\/\s*<reference lib="([^"]+)"\s*\/>/gm)) pending.push(m[1].toLowerCase());
  }
  return out;
}

/**
 * `interface CellGlobals { show(…): void }` → `declare global { function show(…): void }`, each with
 * its doc comment, and the types the signatures mention imported from cell-globals' declarations.
 */
export function globalsDeclaration(source: string): string {
  const file = ts.createSourceFile('cell-globals.ts', source, ts.ScriptTarget.Latest, true);
  const types: string[] = [];
  const functions: string[] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      types.push(...statement.exportClause.elements.map((e) => e.name.text));
    }
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== 'CellGlobals') continue;
    for (const member of statement.members) {
      if (!ts.isMethodSignature(member) || !ts.isIdentifier(member.name)) continue;
      const doc = (ts.getLeadingCommentRanges(source, member.pos) ?? [])
        .map((r) => source.slice(r.pos, r.end))
        .filter((c) => c.startsWith('/**'))
        .map((c) => c.replace(/\n\s*\*/g, '\n   *'));
      functions.push(`${doc.map((c) => `  ${c}\n`).join('')}  function ${member.name.text}${source.slice(member.name.end, member.end).trim()}`);
    }
  }
  if (functions.length === 0) throw new Error('cell types: cell-globals.ts declares no CellGlobals methods');
  const imports = types.length > 0 ? `import type { ${types.join(', ')} } from './${GLOBALS_SOURCE}';\n` : '';
  return `${imports}declare global {\n${functions.join('\n')}\n}\nexport {};\n`;
}
