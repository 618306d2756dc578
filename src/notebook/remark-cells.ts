// Remark plugin: a ```ts cell block becomes a notebook cell. The code node itself is kept, so Shiki
// highlights it at build time exactly like any other block; around it go a bar (label; the buttons are
// added by the page script) and an empty output area. With JavaScript off the page shows plain,
// highlighted code. On an .mdx page with cells, the plugin also adds the CellRuntime component, whose
// script and styles are then bundled only into pages that have cells.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'acorn';
import { parseCellMeta } from './cell-meta.ts';

interface MdNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MdNode[];
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

interface VFileLike {
  path?: string;
}

const RUNTIME = fileURLToPath(new URL('../../components/notebook/CellRuntime.astro', import.meta.url));
const RUNTIME_NAME = 'NotebookCellRuntime';

export default function remarkCells() {
  return (tree: MdNode, file: VFileLike) => {
    let index = 0;
    visit(tree, (node, parent, position) => {
      if (node.type !== 'code') return;
      const meta = parseCellMeta(node.lang, node.meta);
      if (!meta) return;
      parent.children![position] = cellNode(node, index++, meta);
    });
    if (index > 0 && file.path?.endsWith('.mdx')) addRuntime(tree, file.path);
  };
}

function visit(node: MdNode, fn: (node: MdNode, parent: MdNode, index: number) => void): void {
  const children = node.children ?? [];
  for (let i = 0; i < children.length; i++) {
    fn(children[i], node, i);
    visit(children[i], fn);
  }
}

function element(tagName: string, properties: Record<string, unknown>, children: MdNode[]): MdNode {
  return { type: 'notebookElement', data: { hName: tagName, hProperties: properties }, children };
}

function cellNode(code: MdNode, index: number, meta: { exercise?: string; solution?: string }): MdNode {
  const kind = meta.exercise !== undefined ? 'Exercise' : meta.solution !== undefined ? 'Solution' : 'Cell';
  const label = `${kind === 'Cell' ? 'Cell' : `${kind} · cell`} ${index + 1}`;
  return element('div', {
    className: ['nb-cell'],
    dataCell: String(index),
    dataExercise: meta.exercise,
    dataSolution: meta.solution,
  }, [
    element('div', { className: ['nb-bar'] }, [element('span', { className: ['nb-label'] }, [{ type: 'text', value: label }])]),
    { ...code, meta: null },
    element('div', { className: ['nb-output'], hidden: true }, []),
  ]);
}

/** `import NotebookCellRuntime from '<relative path>'` and `<NotebookCellRuntime />` at the end. */
function addRuntime(tree: MdNode, mdxPath: string): void {
  let relative = path.relative(path.dirname(mdxPath), RUNTIME).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const value = `import ${RUNTIME_NAME} from ${JSON.stringify(relative)};`;
  const estree = parse(value, { ecmaVersion: 'latest', sourceType: 'module' });
  tree.children!.unshift({ type: 'mdxjsEsm', value, data: { estree } });
  tree.children!.push({ type: 'mdxJsxFlowElement', name: RUNTIME_NAME, attributes: [], children: [] });
}
