// The page's side of a worker, for every widget that runs one: the worker starts on first use, a
// new run makes the messages of earlier runs stale (they are dropped here, in one place), Stop ends
// the worker at once (whatever it is doing) and the next message starts a fresh one, and a worker
// that crashes is reported in a sentence and replaced the same way.

/** Messages from a worker may name the run they belong to. */
export interface RunMessage {
  run?: number;
}

export interface WorkerEvents<From> {
  /** A message of the current run (or of no run in particular). */
  message(message: From): void;
  /** The worker failed: what to tell the reader. The next message starts a new worker. */
  crash(sentence: string): void;
}

export class WorkerHandle<To, From extends object> {
  private worker: Worker | null = null;
  private current = 0;

  /** `start` makes the worker; `name` says what crashed ("the training worker"). */
  constructor(private readonly start: () => Worker, private readonly name: string, private readonly events: WorkerEvents<From>) {}

  /** The number of the run now under way: messages of any other run are dropped. */
  get run(): number {
    return this.current;
  }

  /** Starts a new run with the message `make(run)` builds; returns the run's number. */
  begin(make: (run: number) => To): number {
    this.current++;
    this.send(make(this.current));
    return this.current;
  }

  /** Sends a message to the worker (started now if there is none). */
  send(message: To): void {
    (this.worker ??= this.started()).postMessage(message);
  }

  /** Ends the worker and its run at once; the next message starts a fresh worker. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.current++;
  }

  private started(): Worker {
    const worker = this.start();
    worker.addEventListener('message', (event: MessageEvent<From>) => {
      if (worker !== this.worker) return; // a stopped worker's last words
      const { run } = event.data as RunMessage;
      if (run === undefined || run === this.current) this.events.message(event.data);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (worker !== this.worker) return;
      this.stop();
      this.events.crash(`${this.name} stopped unexpectedly${event.message ? ` (${event.message})` : ''}`);
    });
    return worker;
  }
}
