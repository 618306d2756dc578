// WorkerHandle against a pretend worker: lazy start, stale runs dropped, Stop and crashes replace
// the worker, and a crash is told in a sentence.
import { describe, expect, it } from 'vitest';
import { WorkerHandle, type RunMessage } from '../../src/worker/handle.ts';

class FakeWorker extends EventTarget {
  sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
}

type From = RunMessage & { text: string };

function setup() {
  const workers: FakeWorker[] = [];
  const got: string[] = [];
  const crashes: string[] = [];
  const handle = new WorkerHandle<{ run?: number; go: string }, From>(
    () => {
      workers.push(new FakeWorker());
      return workers.at(-1) as unknown as Worker;
    },
    'the test worker',
    { message: (m) => got.push(m.text), crash: (sentence) => crashes.push(sentence) },
  );
  return { handle, workers, got, crashes };
}

describe('WorkerHandle', () => {
  it('starts no worker until the first message, then one for every message after', () => {
    const { handle, workers } = setup();
    expect(workers).toHaveLength(0);
    handle.send({ go: 'a' });
    handle.send({ go: 'b' });
    expect(workers).toHaveLength(1);
    expect(workers[0].sent).toEqual([{ go: 'a' }, { go: 'b' }]);
  });

  it('drops the messages of an earlier run, keeps the current run\'s and those of no run', () => {
    const { handle, workers, got } = setup();
    const first = handle.begin((run) => ({ run, go: 'first' }));
    const second = handle.begin((run) => ({ run, go: 'second' }));
    expect(second).toBe(first + 1);
    workers[0].reply({ run: first, text: 'stale' });
    workers[0].reply({ run: second, text: 'fresh' });
    workers[0].reply({ text: 'any run' });
    expect(got).toEqual(['fresh', 'any run']);
  });

  it('Stop ends the worker, ignores what it still says, and the next message starts a new one', () => {
    const { handle, workers, got } = setup();
    const run = handle.begin((r) => ({ run: r, go: 'x' }));
    handle.stop();
    expect(workers[0].terminated).toBe(true);
    workers[0].reply({ run, text: 'late' });
    workers[0].reply({ text: 'late, no run' });
    expect(got).toEqual([]);
    handle.send({ go: 'again' });
    expect(workers).toHaveLength(2);
    expect(workers[1].sent).toEqual([{ go: 'again' }]);
  });

  it('a crash is told in a sentence, keeps the page\'s error handler out of it, and the next message gets a new worker', () => {
    const { handle, workers, crashes } = setup();
    handle.send({ go: 'x' });
    const event = Object.assign(new Event('error', { cancelable: true }), { message: 'out of memory' });
    workers[0].dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(crashes).toEqual(['the test worker stopped unexpectedly (out of memory)']);
    expect(workers[0].terminated).toBe(true);
    handle.send({ go: 'y' });
    expect(workers).toHaveLength(2);
  });
});
