// Share a cell's top-level names with every other cell of the page. Each top-level declaration is
// rewritten into an assignment to a property of the kernel's global scope (the names are created
// beforehand with Object.defineProperty), and `import … from 'nn'` / `import('nn')` go through the
// kernel's `__import`. Every edit keeps the number of newlines, so line N of the reader's code is
// still line N of what runs, and error line numbers need no map. The cell's last expression becomes
// its return value (shown under the cell, as Jupyter shows it) unless a semicolon ends it.
import { parse, type Node } from 'acorn';
import { CellSyntaxError } from './transpile.ts';

interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface RewrittenCell {
  /** The body of the cell's async function. */
  code: string;
  /** Top-level names the cell defines, in order of appearance. */
  declared: string[];
  /** Every name the cell mentions (a superset of what it reads from other cells). */
  used: string[];
  /** True when the cell returns its last expression's value for display. */
  echoes: boolean;
}

// Calls that already print their own output: echoing their return value would only repeat it.
const PRINTING = new Set(['show', 'showImage', 'plot', 'progress', 'check']);

type AnyNode = Node & Record<string, any>;

export function rewrite(js: string): RewrittenCell {
  let program: AnyNode;
  try {
    program = parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    }) as AnyNode;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    throw new CellSyntaxError((e as Error).message.replace(/\s*\(\d+:\d+\)$/, ''), loc?.line, loc?.column);
  }
  const edits: Edit[] = [];
  const declared: string[] = [];
  const hoisted: string[] = [];
  for (const statement of program.body as AnyNode[]) {
    rewriteStatement(js, statement, edits, declared, hoisted);
  }
  const echoes = echoLast(js, program.body as AnyNode[], edits);
  rewriteDynamicImports(program, edits);
  const body = applyEdits(js, edits);
  // Function declarations stay declarations (so they are hoisted inside the cell) and are copied onto
  // the kernel scope before the first line runs; the prefix sits on line 1, so no line moves.
  const prefix = hoisted.map((name) => `globalThis.${name} = ${name};`).join(' ');
  return { code: prefix ? `${prefix} ${body}` : body, declared: unique(declared), used: usedNames(program), echoes };
}

/**
 * `Z1` or `softmax(Z2)` as the cell's last statement → `return (Z1)`. Not echoed: a statement ended by
 * a semicolon (Jupyter's way to hide a value), an assignment (a statement in Python, so never shown
 * there), and a call of show/plot/check/console, which print already.
 */
function echoLast(js: string, body: AnyNode[], edits: Edit[]): boolean {
  const last = body[body.length - 1];
  if (!last || last.type !== 'ExpressionStatement' || js[last.end - 1] === ';') return false;
  const expr = last.expression as AnyNode;
  if (expr.type === 'AssignmentExpression' || expr.type === 'UpdateExpression' || prints(expr)) return false;
  edits.push({ start: expr.start, end: expr.start, text: 'return (' });
  edits.push({ start: expr.end, end: expr.end, text: ')' });
  return true;
}

function prints(expr: AnyNode): boolean {
  const call = expr.type === 'AwaitExpression' ? expr.argument : expr;
  if (call.type !== 'CallExpression') return false;
  const callee = call.callee as AnyNode;
  if (callee.type === 'Identifier') return PRINTING.has(callee.name);
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

function usedNames(program: AnyNode): string[] {
  const names = new Set<string>();
  walk(program, (node) => {
    if (node.type === 'Identifier') names.add(node.name);
  });
  return [...names];
}

function rewriteStatement(js: string, node: AnyNode, edits: Edit[], declared: string[], hoisted: string[]): void {
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') {
    if (!node.declaration) {
      throw new CellSyntaxError('cells cannot export; every top-level name is already shared with later cells', node.loc?.start.line);
    }
    edits.push({ start: node.start, end: node.declaration.start, text: '' });
    rewriteStatement(js, node.declaration, edits, declared, hoisted);
    return;
  }
  if (node.type === 'ImportDeclaration') {
    edits.push({ start: node.start, end: node.end, text: padLines(importToAssignment(node, declared), js, node) });
    return;
  }
  if (node.type === 'VariableDeclaration') {
    rewriteVariables(js, node, edits, declared);
    return;
  }
  if (node.type === 'FunctionDeclaration' && node.id) {
    declared.push(node.id.name);
    hoisted.push(node.id.name);
    return;
  }
  if (node.type === 'ClassDeclaration' && node.id) {
    declared.push(node.id.name);
    // `class A {}` → `;A = class A {};` (a class is not hoisted, so an assignment keeps its meaning)
    edits.push({ start: node.start, end: node.start, text: `;${node.id.name} = ` });
    edits.push({ start: node.end, end: node.end, text: ';' });
  }
}

/** `const a = 1, { b } = o;` → `;(   a = 1, { b } = o);` and `let x;` → `;( x = void 0);` */
function rewriteVariables(js: string, node: AnyNode, edits: Edit[], declared: string[]): void {
  const keywordEnd = node.start + node.kind.length;
  edits.push({ start: node.start, end: keywordEnd, text: ';(' });
  for (const declarator of node.declarations as AnyNode[]) {
    collectNames(declarator.id, declared);
    if (!declarator.init) edits.push({ start: declarator.id.end, end: declarator.id.end, text: ' = void 0' });
  }
  const close = js[node.end - 1] === ';' ? node.end - 1 : node.end;
  edits.push({ start: close, end: close, text: ')' });
}

function importToAssignment(node: AnyNode, declared: string[]): string {
  const wanted: string[] = [];
  const named: string[] = [];
  const parts: string[] = [];
  for (const spec of node.specifiers as AnyNode[]) {
    declared.push(spec.local.name);
    if (spec.type === 'ImportNamespaceSpecifier') parts.push(`${spec.local.name} = __m`);
    else if (spec.type === 'ImportDefaultSpecifier') parts.push(`${spec.local.name} = __m.default`);
    else {
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : JSON.stringify(spec.imported.value);
      wanted.push(spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value);
      named.push(imported === spec.local.name ? imported : `${imported}: ${spec.local.name}`);
    }
  }
  if (named.length > 0) parts.push(`({ ${named.join(', ')} } = __m)`);
  // The names go along so that the kernel can say which one 'nn' lacks (a typo would be undefined).
  const source = `await __import(${JSON.stringify(node.source.value)}${wanted.length > 0 ? `, ${JSON.stringify(wanted)}` : ''})`;
  // The module is fetched once into a block-scoped `__m`, then each name is assigned from it.
  return `{ const __m = ${source}; ${parts.join('; ')}; }`;
}

function collectNames(pattern: AnyNode | null, out: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) collectNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) collectNames(e, out);
      break;
    case 'RestElement':
      collectNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      collectNames(pattern.left, out);
      break;
  }
}

/** `import('nn')` anywhere in the cell → `__import('nn')`. */
function rewriteDynamicImports(root: AnyNode, edits: Edit[]): void {
  walk(root, (node) => {
    if (node.type === 'ImportExpression') edits.push({ start: node.start, end: node.start + 'import'.length, text: '__import' });
  });
}

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') walk(child, visit);
    } else if (value && typeof value.type === 'string' && key !== 'loc') {
      walk(value, visit);
    }
  }
}

/** The replacement text, followed by as many newlines as the replaced source had. */
function padLines(text: string, js: string, node: AnyNode): string {
  const newlines = js.slice(node.start, node.end).split('\n').length - 1;
  return text + '\n'.repeat(newlines);
}

function applyEdits(js: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += js.slice(at, edit.start) + edit.text;
    at = Math.max(at, edit.end);
  }
  return out + js.slice(at);
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
