// The page's side of the training worker (through WorkerHandle): started on first use, replaced
// after a crash, and the messages of a run that was reset or replaced dropped before the page sees them.
import { WorkerHandle } from './handle.ts';
import type { FromWorker, RunConfig, ToWorker } from './protocol.ts';

export class TrainingClient {
  private readonly handle: WorkerHandle<ToWorker, FromWorker>;

  constructor(onMessage: (message: FromWorker) => void) {
    this.handle = new WorkerHandle(
      () => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' }),
      'The training worker',
      { message: onMessage, crash: (sentence) => onMessage({ type: 'error', message: `${sentence}.`, divergence: false }) },
    );
  }

  /** A new run: whatever an earlier run still sends is dropped. */
  start(config: RunConfig, paused: boolean): void {
    this.handle.begin((run) => ({ type: 'start', config, paused, run }));
  }

  /** Stops the run and drops whatever it still sends. */
  reset(): void {
    this.handle.begin(() => ({ type: 'stop' }));
  }

  /** Load, pause, resume, step, stop: messages to the run under way. */
  send(message: Exclude<ToWorker, { type: 'start' }>): void {
    this.handle.send(message);
  }

  terminate(): void {
    this.handle.stop();
  }
}
