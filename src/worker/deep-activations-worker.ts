// Chapter 4's InitExplorer: the forward pass through 10 layers of 256 units takes 0.2–0.6 s,
// so it runs here, never on the page's main thread. A thin adaptor around deepActivations.
import { deepActivations, type DeepSettings, type DeepView } from './deep-activations.ts';

export type ToDeepWorker = DeepSettings;

export type FromDeepWorker = { type: 'result'; view: DeepView } | { type: 'error'; message: string };

const post = (message: FromDeepWorker) => self.postMessage(message);

self.onmessage = ({ data }: MessageEvent<ToDeepWorker>) => {
  try {
    post({ type: 'result', view: deepActivations(data) });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
