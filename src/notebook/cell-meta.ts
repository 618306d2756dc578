// Which fenced code blocks are cells: ```ts cell, optionally with exercise="name" or solution="name".

export interface CellMeta {
  exercise?: string;
  solution?: string;
}

const CELL_LANGS = new Set(['ts', 'typescript']);

/** The cell's metadata, or null when the block is ordinary code. */
export function parseCellMeta(lang: string | null | undefined, meta: string | null | undefined): CellMeta | null {
  if (!lang || !CELL_LANGS.has(lang) || !meta || !/(^|\s)cell(\s|$)/.test(meta)) return null;
  const out: CellMeta = {};
  for (const [, key, value] of meta.matchAll(/(exercise|solution)\s*=\s*"([^"]*)"/g)) {
    out[key as keyof CellMeta] = value;
  }
  return out;
}
