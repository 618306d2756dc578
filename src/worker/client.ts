// The page's side of the training worker: starts it lazily and routes its messages.
import type { FromWorker, ToWorker } from './protocol.ts';

export class TrainingClient {
  private readonly worker: Worker;

  constructor(onMessage: (message: FromWorker) => void) {
    this.worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      onMessage({ type: 'error', message: `The training worker crashed: ${event.message || 'unknown error'}`, divergence: false });
    };
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
