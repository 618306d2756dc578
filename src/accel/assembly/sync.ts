// How two threads meet in shared memory. The control block holds, each on its own cache line:
// the barrier's generation and arrival count, the leader's command for the helper (the number of
// examples of the next step, STOP or ARRANGE; where the examples start in the epoch's order; the
// learning rate, or where the examples to arrange end) and whether the helper has joined. Waiting
// spins briefly first: between two minibatches the other thread is microseconds away, and parking
// a thread in the kernel costs more than that.

export const BARRIER_BYTES = 256;
export const GENERATION = 0, ARRIVED = 64, COMMAND = 128, FIRST = 132, RATE = 136, LAST = 140, HELPER = 192;
/** Commands other than a step's number of examples. */
export const STOP = -1, ARRANGE = -2;
export const WAITING = 0, JOINED = 1, CLOSED = 2;

const SPINS = 200000;

/** Returns once all n threads have called barrier() (at once when n is 1 or without threads). */
export function barrier(control: usize, n: i32): void {
  if (ASC_FEATURE_THREADS) {
    if (n > 1) meet(control, n);
  }
}

function meet(control: usize, n: i32): void {
  const generation = atomic.load<i32>(control, GENERATION);
  if (atomic.add<i32>(control, 1, ARRIVED) == n - 1) {
    // the last to arrive resets the count, then opens the barrier for everyone
    atomic.store<i32>(control, 0, ARRIVED);
    atomic.add<i32>(control, 1, GENERATION);
    atomic.notify(control + GENERATION);
    return;
  }
  for (let spin = 0; spin < SPINS && atomic.load<i32>(control, GENERATION) == generation; spin++);
  while (atomic.load<i32>(control, GENERATION) == generation) atomic.wait<i32>(control + GENERATION, generation, -1);
}
