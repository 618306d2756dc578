// Output leaves the kernel in batches (every ~30 ms), not one message per console.log: 100,000 single
// messages froze the page for seconds. A run may print at most `cap` items; the rest are counted and
// summarised in one notice. Consecutive progress updates of a cell collapse into the latest one.
// A timer never fires while a cell computes without awaiting, so a push also flushes by itself once
// `interval` ms have passed since the last flush or `size` items wait: a long loop prints as it goes.
import type { OutputItem } from './protocol.ts';

export interface BatcherOptions {
  flush: (cell: number, items: OutputItem[]) => void;
  interval?: number;
  cap?: number;
  /** Items waiting that trigger a flush at once. */
  size?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
  now?: () => number;
}

export function createBatcher({ flush, interval = 30, cap = 2000, size = 500, schedule = setTimeout, now = () => performance.now() }: BatcherOptions) {
  const pending = new Map<number, OutputItem[]>();
  const counts = new Map<number, number>();
  const dropped = new Map<number, number>();
  let timer: unknown = null;
  let lastFlush = now();
  let waiting = 0;

  function flushAll(): void {
    timer = null;
    lastFlush = now();
    waiting = 0;
    for (const [cell, items] of pending) {
      const lost = dropped.get(cell) ?? 0;
      if (lost > 0) {
        items.push({ kind: 'text', stream: 'notice', text: `… ${lost.toLocaleString('en')} more output items not shown (a run shows at most ${cap.toLocaleString('en')})` });
        dropped.set(cell, 0);
      }
      if (items.length > 0) flush(cell, items);
    }
    pending.clear();
  }

  return {
    /** A new run of `cell` starts: its cap counts from zero again. */
    reset(cell: number): void {
      counts.set(cell, 0);
      dropped.set(cell, 0);
    },
    push(cell: number, item: OutputItem): void {
      const items = pending.get(cell) ?? [];
      pending.set(cell, items);
      const last = items[items.length - 1];
      if (item.kind === 'progress' && last?.kind === 'progress') {
        items[items.length - 1] = item;
      } else if (item.kind !== 'error' && item.kind !== 'progress' && (counts.get(cell) ?? 0) >= cap) {
        dropped.set(cell, (dropped.get(cell) ?? 0) + 1);
      } else {
        counts.set(cell, (counts.get(cell) ?? 0) + 1);
        items.push(item);
        waiting++;
      }
      if (waiting >= size || now() - lastFlush >= interval) flushAll();
      else if (timer === null) timer = schedule(flushAll, interval);
    },
    /** Sends everything now (before a run reports that it is done). */
    flush: flushAll,
  };
}
