// The thread tuner (src/accel/thread-tuner.ts) against made-up step times: it must settle on whichever
// mode is faster per example, keep trying the other one, and notice when the faster one changes.
import { describe, expect, it } from 'vitest';
import { threadTuner } from '../../src/accel/index.ts';

/** Runs `steps` steps whose seconds per example in each mode come from `cost`; the modes chosen. */
function run(steps: number, cost: (threads: 1 | 2, step: number) => number, tuner = threadTuner()): (1 | 2)[] {
  const chosen: (1 | 2)[] = [];
  for (let step = 0; step < steps; step++) {
    const threads = tuner.choose();
    chosen.push(threads);
    tuner.record(threads, cost(threads, step) * 128, 128);
  }
  return chosen;
}

const count = (modes: (1 | 2)[], threads: 1 | 2) => modes.filter((m) => m === threads).length;
const share = (modes: (1 | 2)[], threads: 1 | 2) => count(modes, threads) / modes.length;

describe('the thread tuner', () => {
  it('runs most steps on two threads when two are faster, after measuring both', () => {
    const modes = run(640, (t) => (t === 2 ? 0.6e-6 : 1e-6));
    expect(modes.slice(0, 3)).toContain(1); // one thread is measured early on
    expect(share(modes.slice(64), 2)).toBeGreaterThan(0.9);
    expect(count(modes.slice(64), 1)).toBeGreaterThanOrEqual(8); // and tried again now and then: two tries of 4 steps in 576
  });

  it('runs most steps on one thread when the second one makes steps slower (a busy machine)', () => {
    const modes = run(640, (t) => (t === 2 ? 1.5e-6 : 1e-6));
    expect(share(modes.slice(64), 1)).toBeGreaterThan(0.9);
    expect(count(modes.slice(64), 2)).toBeGreaterThanOrEqual(8);
  });

  it('moves to two threads once the machine becomes quiet', () => {
    const modes = run(1280, (t, step) => (t === 1 ? 1e-6 : step < 640 ? 1.5e-6 : 0.6e-6));
    expect(share(modes.slice(320, 640), 1)).toBeGreaterThan(0.9);
    expect(share(modes.slice(960), 2)).toBeGreaterThan(0.9);
  });

  it('ignores the first step after each switch, which pays for the switch', () => {
    // every switch's first step looks ten times slower; the modes' real costs favour two threads
    let previous: 1 | 2 | null = null;
    const tuner = threadTuner();
    const modes = run(640, (t) => {
      const cost = (t === 2 ? 0.6e-6 : 1e-6) * (previous !== null && previous !== t ? 10 : 1);
      previous = t;
      return cost;
    }, tuner);
    expect(share(modes.slice(64), 2)).toBeGreaterThan(0.9);
  });

  it('is not kept off two threads for long by one step a descheduled thread made 100 times slower', () => {
    let slowStep = -1; // the first two-thread step from step 100 on
    const modes = run(640, (t, step) => {
      if (t === 2 && step >= 100 && slowStep < 0) slowStep = step;
      return (t === 2 ? 0.6e-6 : 1e-6) * (step === slowStep ? 100 : 1);
    });
    expect(share(modes.slice(slowStep + 1, slowStep + 40), 2)).toBeGreaterThan(0.85); // all but a try of one thread
  });

  it('soon corrects a misleading start (two threads slow for their first steps, then faster)', () => {
    const modes = run(640, (t, step) => (t === 2 ? (step < 6 ? 2e-6 : 0.6e-6) : 1e-6));
    expect(share(modes.slice(48, 128), 2)).toBeGreaterThan(0.85); // all but its tries of one thread
  });

  it('goes back to two threads soon after a burst of load made them slower for a while', () => {
    const modes = run(640, (t, step) => (t === 2 ? (step >= 300 && step < 310 ? 2e-6 : 0.6e-6) : 1e-6));
    expect(share(modes.slice(300, 320), 1)).toBeGreaterThan(0.3); // it did move to one thread
    expect(share(modes.slice(328, 360), 2)).toBeGreaterThan(0.85); // and came back within about 16 steps of its end
  });

  it('does not count a run\'s first step, which warms code and caches', () => {
    const modes = run(64, (t, step) => (t === 2 ? 0.6e-6 : 1e-6) * (step === 0 ? 50 : 1));
    expect(share(modes.slice(0, 32), 2)).toBeGreaterThan(0.85); // all but the steps that measure one thread
  });
});
