// Whether the training step's second thread pays, measured while training. On a quiet machine with
// cores to spare two threads take about 0.6× the time of one; on a busy one (two cores and a
// browser, or other programs) a thread is often descheduled in mid-step and the other waits for it,
// so two threads can take longer than one; and a helper woken from sleep while the other core is
// busy is often put on the training thread's core, where the two take turns. The tuner keeps the
// time per example of each mode and runs the faster one, trying the other one for a few steps now
// and then, as conditions change. Both modes compute the same numbers (./assembly/step.ts), so the
// tuner decides only how fast a run goes, never where it ends.
// It goes by the median of each mode's latest times: one step that a descheduled thread made a
// hundred times longer must not keep the faster mode out of use for hundreds of steps.

/**
 * Steps between two tries of the mode not in use: FIRST at the start of a run, when the first
 * measurements (cold caches, a helper just joined) mislead most, doubling up to EVERY (about 0.1 s
 * of steps; a try costs its steps the difference between the modes). TRY: the length of a try,
 * whose first step is not counted (see record); its other two outvote the older one of KEEP.
 */
const FIRST = 32, EVERY = 256, TRY = 3;
/** Steps before the first try of two threads after they were found slower (a burst of load is often short). */
const AFTER_BURST = 8;
/** How many of each mode's latest times per example the tuner keeps. */
const KEEP = 3;

export interface ThreadTuner {
  /** How many threads the next step should run on. */
  choose(): 1 | 2;
  /** What a step took: its thread count, its seconds and its number of examples. */
  record(threads: 1 | 2, seconds: number, examples: number): void;
}

export function threadTuner(): ThreadTuner {
  const recent: Record<1 | 2, number[]> = { 1: [], 2: [] }; // seconds per example, newest last
  const perExample = { 1: NaN, 2: NaN }; // the median of each, NaN until measured
  let sinceTry = 0, gap = FIRST;
  let trying = 0; // steps left in the current try of the other mode
  let last: 1 | 2 | null = null; // the mode of the last recorded step
  let settled: 1 | 2 | null = null; // the mode believed faster

  const faster = (): 1 | 2 => (Number.isNaN(perExample[2]) || perExample[2] <= perExample[1] ? 2 : 1);
  return {
    choose() {
      if (Number.isNaN(perExample[1]) && !Number.isNaN(perExample[2])) return 1; // measure both before choosing
      const best = faster();
      if (best !== settled) {
        // a new faster mode (a burst of load, or a try that found it): check again soon that it
        // holds, sooner still when a burst has just made two threads look slower
        trying = 0;
        sinceTry = 0;
        gap = settled === 2 ? AFTER_BURST : FIRST;
        settled = best;
      }
      if (trying === 0 && ++sinceTry >= gap) {
        trying = TRY;
        sinceTry = 0;
        gap = Math.min(2 * gap, EVERY);
      }
      if (trying > 0) {
        trying--;
        return settled === 2 ? 1 : 2;
      }
      return settled;
    },
    record(threads, seconds, examples) {
      // The first step of a run and the first after a switch pay for it (code and caches warming,
      // a thread waking): not typical.
      const switched = last !== threads;
      last = threads;
      if (switched || examples === 0) return;
      const times = recent[threads];
      times.push(seconds / examples);
      if (times.length > KEEP) times.shift();
      perExample[threads] = median(times);
    },
  };
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b), middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
