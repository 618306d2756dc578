// A reader's edits survive reloads: one localStorage entry per cell, keyed by the page, the cell's
// position and a hash of its original code (so an edit never lands on a cell the author has changed).

function hash(text: string): string {
  let h = 0x811c9dc5; // FNV-1a, 32 bits: enough to tell versions of one cell apart
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function editKey(page: string, index: number, original: string): string {
  return `nb-edit:${page}:${index}:${hash(original)}`;
}

export function loadEdit(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function saveEdit(key: string, code: string | null): void {
  try {
    if (code === null) localStorage.removeItem(key);
    else localStorage.setItem(key, code);
  } catch {
    // Storage full or disabled: the edit still lives in the page until it is closed.
  }
}
