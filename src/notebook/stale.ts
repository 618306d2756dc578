// Which cells are stale: a cell read names that another cell defines, and that cell has changed (been
// edited or run again) since. Versions count changes per cell; a run records the versions it saw.

export interface RunRecord {
  /** Every cell's version when this cell last ran. */
  versions: number[];
  /** The names this cell mentions and the names it defines itself, as compiled for that run. */
  used: string[];
  declared: string[];
}

/**
 * The 0-based indices of the cells this one reads from that changed since it ran. `declaredOf(i)` is
 * what cell i defines now (null when it does not compile).
 */
export function changedInputs(self: number, record: RunRecord, versions: number[], declaredOf: (i: number) => string[] | null): number[] {
  const own = new Set(record.declared);
  const reads = record.used.filter((name) => !own.has(name));
  const out: number[] = [];
  versions.forEach((version, i) => {
    if (i === self || version === (record.versions[i] ?? 0)) return;
    const theirs = declaredOf(i);
    if (theirs && theirs.some((name) => reads.includes(name))) out.push(i);
  });
  return out;
}

/** "stale: cell 3 has changed since" / "stale: cells 2 and 3 have changed since" (cells counted from 1). */
export function staleNote(changed: number[]): string | null {
  if (changed.length === 0) return null;
  const n = changed.map((i) => i + 1);
  if (n.length === 1) return `stale: cell ${n[0]} has changed since`;
  return `stale: cells ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]} have changed since`;
}
