// The fused step on two threads sharing one memory (built with --enable threads --sharedMemory).
// Thread 0, the leader, is the JavaScript that trains; thread 1, the helper, runs in a worker and
// only calls helperStep() in a loop. Until the helper has joined (a worker takes a moment to
// start), and if it never does, the leader runs each step alone, so training never waits on it.
import { barrier, COMMAND, FIRST, RATE, LAST, HELPER, STOP, ARRANGE, WAITING, JOINED, CLOSED } from "./sync";
import { arrangeLists, arrangeOffsets, ptrControl, stepShare } from "./step";

export {
  setup, lossStep, lastCorrect,
  partStart, ptrW1t, ptrB1, ptrW2, ptrB2, ptrOrder, ptrLabels, ptrOffsets, ptrNzPixel, ptrNzValue,
} from "./step";

function joined(): bool {
  return atomic.load<i32>(ptrControl(), HELPER) == JOINED;
}

/** Thread 0: how many threads the next step runs on (2 once the helper has joined). */
export function leaderThreads(): i32 {
  return joined() ? 2 : 1;
}

/**
 * Thread 0: one minibatch step, on both threads when `threads` is 2 and the helper has joined (else
 * alone, while the helper sleeps in its barrier). Returns the mean loss.
 */
export function leaderStep(start: i32, count: i32, learningRate: f32, threads: i32): f64 {
  if (threads < 2 || !joined()) return stepShare(start, count, learningRate, 1);
  atomic.store<i32>(ptrControl(), count, COMMAND);
  store<i32>(ptrControl(), start, FIRST);
  store<f32>(ptrControl(), learningRate, RATE);
  barrier(ptrControl(), 2);
  return stepShare(start, count, learningRate, 2);
}

/**
 * Thread 0: puts the examples in this epoch's order (see arrange in ./step.ts), the helper copying
 * the second half of the lists once it has joined: the copying is bound by memory, which one core
 * alone does not keep busy.
 */
export function leaderArrange(examples: i32): void {
  arrangeOffsets(examples);
  if (!joined()) {
    arrangeLists(0, examples);
    return;
  }
  const half = examples >> 1;
  atomic.store<i32>(ptrControl(), ARRANGE, COMMAND);
  store<i32>(ptrControl(), half, FIRST);
  store<i32>(ptrControl(), examples, LAST);
  barrier(ptrControl(), 2);
  arrangeLists(0, half);
  barrier(ptrControl(), 2);
}

/** Thread 0, before starting a helper: lets the next helper join. */
export function leaderOpen(): void {
  atomic.store<i32>(ptrControl(), WAITING, HELPER);
}

/** Thread 0: ends the helper's loop, or stops it from joining later. */
export function leaderClose(): void {
  if (atomic.cmpxchg<i32>(ptrControl(), WAITING, CLOSED, HELPER) != JOINED) return;
  atomic.store<i32>(ptrControl(), STOP, COMMAND);
  barrier(ptrControl(), 2);
  atomic.store<i32>(ptrControl(), CLOSED, HELPER);
}

/** Thread 1: joins, unless the leader has already closed; true when it did. */
export function helperJoin(): bool {
  return atomic.cmpxchg<i32>(ptrControl(), WAITING, JOINED, HELPER) == WAITING;
}

/** Thread 1: waits for the leader's next command and does its part; returns −1 once told to stop. */
export function helperStep(): i32 {
  barrier(ptrControl(), 2);
  const command = atomic.load<i32>(ptrControl(), COMMAND), first = load<i32>(ptrControl(), FIRST);
  if (command == STOP) return -1;
  if (command == ARRANGE) {
    arrangeLists(first, load<i32>(ptrControl(), LAST));
    barrier(ptrControl(), 2);
  } else {
    stepShare(first, command, load<f32>(ptrControl(), RATE), 2);
  }
  return 0;
}
