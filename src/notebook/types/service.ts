// The cells' type checker: TypeScript 5's language service over an in-memory file system holding the
// generated environment (declarations.ts) and one file per cell (layout.ts). Runs in a worker in the
// browser and directly in Node for tests.
import type * as TS from 'ts5';
import { GLOBALS_FILE, LIB_DIR, LIBS, NN_ENTRY, cellFiles, cellPath, toCellDiagnostic, type CellDiagnostic } from './layout.ts';

export interface CellCompletion {
  label: string;
  /** CodeMirror's icon kinds: function, method, class, variable, property, keyword, type, namespace… */
  type: string;
}

export interface CompletionList {
  /** Where the word being completed starts. */
  from: number;
  options: CellCompletion[];
}

export interface CellHover {
  from: number;
  to: number;
  /** `function matmul(A: Matrix, B: Matrix): Matrix` */
  signature: string;
  documentation: string;
}

export interface EntryDetails {
  signature: string;
  documentation: string;
}

export class CellTypeService {
  private readonly files = new Map<string, { text: string; version: number }>();
  private readonly service: TS.LanguageService;
  private codes: string[] = [];
  private readonly ts: typeof TS;

  constructor(ts: typeof TS, environment: Record<string, string>) {
    this.ts = ts;
    for (const [path, text] of Object.entries(environment)) this.files.set(path, { text, version: 0 });
    const options: TS.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      types: [],
      lib: LIBS.map((name) => `lib.${name}.d.ts`),
      paths: { nn: [NN_ENTRY] },
    };
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [GLOBALS_FILE, ...this.codes.map((_, i) => cellPath(i))],
      getScriptVersion: (path) => String(this.files.get(path)?.version ?? 0),
      getScriptSnapshot: (path) => {
        const file = this.files.get(path);
        return file ? ts.ScriptSnapshot.fromString(file.text) : undefined;
      },
      getCurrentDirectory: () => '/',
      getDefaultLibFileName: () => `${LIB_DIR}/lib.d.ts`,
      fileExists: (path) => this.files.has(path),
      readFile: (path) => this.files.get(path)?.text,
      directoryExists: (dir) => dir === '/' || [...this.files.keys()].some((p) => p.startsWith(dir.endsWith('/') ? dir : `${dir}/`)),
      getDirectories: () => [],
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** The page's cells, in order; only the files whose text changed are checked again. */
  setCells(codes: string[]): void {
    this.codes = [...codes];
    const texts = cellFiles(codes.map((code) => ({ code, declared: this.topLevelNames(code) })));
    texts.forEach((text, i) => {
      const path = cellPath(i);
      const old = this.files.get(path);
      if (old?.text !== text) this.files.set(path, { text, version: (old?.version ?? 0) + 1 });
    });
  }

  /** Values and types a cell's top level declares, imports included (`import type` is erased, so not). */
  topLevelNames(code: string): string[] {
    const ts = this.ts;
    const file = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest);
    const names: string[] = [];
    const bind = (name: TS.BindingName) => {
      if (ts.isIdentifier(name)) names.push(name.text);
      else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
    };
    for (const s of file.statements) {
      if (ts.isVariableStatement(s)) s.declarationList.declarations.forEach((d) => bind(d.name));
      else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.push(s.name.text);
      else if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) names.push(s.name.text);
      else if (ts.isImportDeclaration(s) && s.importClause && !s.importClause.isTypeOnly) {
        const clause = s.importClause;
        if (clause.name) names.push(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
        else if (bindings) names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
      }
    }
    return [...new Set(names)];
  }

  diagnostics(cell: number): CellDiagnostic[] {
    const path = cellPath(cell);
    const length = this.codes[cell]?.length ?? 0;
    const ts = this.ts;
    const severity = (d: TS.Diagnostic) => (d.category === ts.DiagnosticCategory.Error ? 'error' : d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'info');
    const message = (d: TS.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
    // A syntax error the checker finds only at the end of the file (a brace never closed) belongs to the code's end.
    const syntactic = this.service.getSyntacticDiagnostics(path).map((d) => toCellDiagnostic(Math.min(d.start ?? 0, length), d.length, length, severity(d), message(d)));
    const semantic = this.service.getSemanticDiagnostics(path).map((d) => toCellDiagnostic(d.start, d.length, length, severity(d), message(d)));
    return [...syntactic, ...semantic].filter((d): d is CellDiagnostic => d !== null);
  }

  completions(cell: number, pos: number): CompletionList | null {
    const code = this.codes[cell] ?? '';
    const result = this.service.getCompletionsAtPosition(cellPath(cell), pos, {});
    if (!result) return null;
    let from = pos;
    while (from > 0 && /[\w$]/.test(code[from - 1])) from--;
    const options = result.entries
      .filter((e) => !e.name.startsWith('__') && e.kind !== this.ts.ScriptElementKind.warning)
      .map((e) => ({ label: e.name, type: completionType(e.kind) }));
    return { from, options };
  }

  details(cell: number, pos: number, name: string): EntryDetails | null {
    const d = this.service.getCompletionEntryDetails(cellPath(cell), pos, name, {}, undefined, undefined, undefined);
    if (!d) return null;
    return { signature: signature(d.displayParts), documentation: docText(d.documentation, d.tags) };
  }

  hover(cell: number, pos: number): CellHover | null {
    const length = this.codes[cell]?.length ?? 0;
    if (pos > length) return null;
    const info = this.service.getQuickInfoAtPosition(cellPath(cell), pos);
    if (!info) return null;
    return {
      from: info.textSpan.start,
      to: Math.min(info.textSpan.start + info.textSpan.length, length),
      signature: signature(info.displayParts),
      documentation: docText(info.documentation, info.tags),
    };
  }
}

function text(parts: TS.SymbolDisplayPart[] | undefined): string {
  return (parts ?? []).map((p) => p.text).join('');
}

/**
 * What a reader wants from the checker's text: `(alias) function matmul(…): Matrix\nimport matmul`
 * (a name imported from 'nn' or a cell above) → `function matmul(…): Matrix`.
 */
export function signature(parts: TS.SymbolDisplayPart[] | undefined): string {
  const full = text(parts);
  if (!full.startsWith('(alias) ')) return full;
  return full.slice('(alias) '.length).replace(/\n(?:import|export) [\w$.]+$/, '');
}

function docText(doc: TS.SymbolDisplayPart[] | undefined, tags: TS.JSDocTagInfo[] | undefined): string {
  const tagLines = (tags ?? []).map((t) => `@${t.name}${t.text ? ` ${text(t.text)}` : ''}`);
  return [text(doc), ...tagLines].filter(Boolean).join('\n');
}

function completionType(kind: string): string {
  switch (kind) {
    case 'function':
    case 'local function':
      return 'function';
    case 'method':
      return 'method';
    case 'class':
      return 'class';
    case 'interface':
    case 'type':
    case 'enum':
      return 'type';
    case 'module':
    case 'external module name':
      return 'namespace';
    case 'property':
    case 'getter':
    case 'setter':
      return 'property';
    case 'keyword':
      return 'keyword';
    case 'const':
      return 'constant';
    default:
      return 'variable';
  }
}
