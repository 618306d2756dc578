// Hints for a name that does not exist: the nearest one that does (a typo), or the reason it cannot
// exist in a cell (the page's own globals, which a worker does not have).

/** Globals of a web page that a Worker lacks: a cell runs in a worker, so they are never defined. */
export const PAGE_GLOBALS = new Set([
  'document', 'window', 'localStorage', 'sessionStorage', 'alert', 'confirm', 'prompt',
  'HTMLElement', 'HTMLCanvasElement', 'Image', 'Audio', 'parent', 'opener', 'frames', 'history', 'getComputedStyle',
]);

/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate a typo most likely meant: the same name in other letter case first (softMax → softmax),
 * else the closest by edits, if it is close (at most one edit in three letters); null when none is.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === name.toLowerCase()) return c;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}
