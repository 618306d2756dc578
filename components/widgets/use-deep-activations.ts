// The InitExplorer's link to its worker (src/worker/deep-activations-worker.ts). One request is in
// flight at a time: settings chosen while the worker is busy wait, and only the latest is sent, so
// running through the radios with the arrow keys never queues up stale forward passes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeepSettings, DeepView } from '../../src/worker/deep-activations';
import type { FromDeepWorker, ToDeepWorker } from '../../src/worker/deep-activations-worker';
import { WorkerHandle } from '../../src/worker/handle';

export interface DeepActivations {
  /** What the controls show: the reader's latest choice. */
  wanted: DeepSettings;
  /** What the histograms show: the latest result (the build-time one until the first change). */
  view: DeepView;
  /** The worker is computing `wanted`. */
  busy: boolean;
  error: string | null;
  choose(settings: DeepSettings): void;
}

const same = (a: DeepSettings, b: DeepSettings) => a.act === b.act && a.init === b.init;

export function useDeepActivations(initial: DeepView): DeepActivations {
  const [wanted, setWanted] = useState<DeepSettings>({ act: initial.act, init: initial.init });
  const [view, setView] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<WorkerHandle<ToDeepWorker, FromDeepWorker> | null>(null);
  const latest = useRef<DeepSettings>(initial);
  const inFlight = useRef<DeepSettings | null>(null);

  useEffect(() => () => worker.current?.stop(), []);

  const send = (settings: DeepSettings) => {
    inFlight.current = settings;
    (worker.current ??= start()).send({ act: settings.act, init: settings.init });
  };

  const settle = (done: DeepSettings) => {
    inFlight.current = null;
    if (!same(latest.current, done)) send(latest.current);
  };

  function start(): WorkerHandle<ToDeepWorker, FromDeepWorker> {
    const onMessage = (data: FromDeepWorker) => {
      const done = inFlight.current!;
      if (data.type === 'result') {
        setView(data.view);
        setError(null);
      } else setError(data.message);
      settle(done);
    };
    return new WorkerHandle(
      () => new Worker(new URL('../../src/worker/deep-activations-worker.ts', import.meta.url), { type: 'module', name: 'deep-activations' }),
      'the worker',
      {
        message: onMessage,
        crash: (sentence) => {
          inFlight.current = null; // the next choice starts a fresh worker
          setError(sentence);
        },
      },
    );
  }

  const choose = (settings: DeepSettings) => {
    latest.current = settings;
    setWanted(settings);
    if (!inFlight.current && !same(settings, view)) send(settings);
  };

  return { wanted, view, busy: error === null && !same(wanted, view), error, choose };
}
