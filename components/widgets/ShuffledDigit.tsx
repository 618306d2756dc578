// Chapter 1: one MNIST digit beside the same digit with its 784 pixels moved by one fixed
// permutation, and two identical networks trained on each version (in a worker,
// src/worker/shuffle-worker.ts), to show they score the same: a fully connected network does not
// know which pixels are neighbours.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadMnist, type Mnist } from '../../src/data/mnist-browser';
import { HELD_OUT, SHUFFLE_CONFIG, TRAIN_SIZE, permuteImage, pixelOrder } from '../../src/worker/shuffle';
import type { FromShuffleWorker, Pixels, ToShuffleWorker } from '../../src/worker/shuffle-worker';
import DigitThumb from '../ui/DigitThumb';
import SteadyHeight from '../ui/SteadyHeight';
import './ShuffledDigit.css';

const EPOCHS = SHUFFLE_CONFIG.epochs;
const PIXEL_SETS: Pixels[] = ['original', 'shuffled'];

type Images = { kind: 'loading' } | { kind: 'ready'; mnist: Mnist } | { kind: 'failed'; message: string };
type Status = { kind: 'idle' } | { kind: 'loading'; fraction: number } | { kind: 'running'; pixels: Pixels } | { kind: 'done' } | { kind: 'error'; message: string };
type Accuracies = Record<Pixels, (number | undefined)[]>;

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);

function statusText(status: Status, acc: Accuracies): string {
  switch (status.kind) {
    case 'idle': return `Press “Train both” to train two identical networks for ${EPOCHS} epochs on ${TRAIN_SIZE.toLocaleString('en')} images each.`;
    case 'loading': return `Loading MNIST… ${Math.round(100 * status.fraction)}%`;
    case 'running': return status.pixels === 'original' ? 'Training the first network, on the images as drawn…' : 'Training the second network, on the shuffled images…';
    case 'done': return `Done: ${pct(acc.original[EPOCHS - 1])} as drawn, ${pct(acc.shuffled[EPOCHS - 1])} shuffled, on ${HELD_OUT.toLocaleString('en')} images neither network trained on.`;
    case 'error': return `Error: ${status.message}`;
  }
}

/** Every status message at its longest: their room is kept, so the table never moves. */
const WIDEST: Accuracies = { original: Array(EPOCHS).fill(0.888), shuffled: Array(EPOCHS).fill(0.888) };
const SHOWN: Status[] = [
  { kind: 'idle' },
  { kind: 'loading', fraction: 1 },
  { kind: 'running', pixels: 'original' },
  { kind: 'running', pixels: 'shuffled' },
  { kind: 'done' },
];
const RESERVED_STATUS = SHOWN.map((s) => statusText(s, WIDEST));

export default function ShuffledDigit() {
  const [images, setImages] = useState<Images>({ kind: 'loading' });
  const [index, setIndex] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [acc, setAcc] = useState<Accuracies>({ original: [], shuffled: [] });
  const order = useMemo(() => pixelOrder(), []);
  const worker = useRef<Worker | null>(null);
  const run = useRef(0);

  useEffect(() => {
    loadMnist()
      .then((mnist) => setImages({ kind: 'ready', mnist }))
      .catch((e: Error) => setImages({ kind: 'failed', message: e.message }));
    return () => worker.current?.terminate();
  }, []);

  const onMessage = (m: FromShuffleWorker) => {
    if (m.run !== run.current) return;
    if (m.type === 'loading') setStatus({ kind: 'loading', fraction: m.fraction });
    else if (m.type === 'training') setStatus({ kind: 'running', pixels: m.pixels });
    else if (m.type === 'epoch') {
      setAcc((old) => {
        const next = { ...old, [m.pixels]: old[m.pixels].slice() };
        next[m.pixels][m.epoch - 1] = m.accuracy;
        return next;
      });
    } else if (m.type === 'done') setStatus({ kind: 'done' });
    else setStatus({ kind: 'error', message: m.message });
  };

  const start = () => {
    if (!worker.current) {
      worker.current = new Worker(new URL('../../src/worker/shuffle-worker.ts', import.meta.url), { type: 'module', name: 'shuffle' });
      worker.current.onmessage = (e: MessageEvent<FromShuffleWorker>) => onMessage(e.data);
      worker.current.onerror = (e) => {
        e.preventDefault();
        setStatus({ kind: 'error', message: `the training worker crashed (${e.message || 'unknown error'})` });
      };
    }
    run.current++;
    setAcc({ original: [], shuffled: [] });
    setStatus({ kind: 'loading', fraction: 0 });
    worker.current.postMessage({ type: 'start', run: run.current } satisfies ToShuffleWorker);
  };
  const stop = () => {
    worker.current?.postMessage({ type: 'stop' } satisfies ToShuffleWorker);
    run.current++;
    setStatus({ kind: 'idle' });
  };

  const busy = status.kind === 'loading' || status.kind === 'running';
  const mnist = images.kind === 'ready' ? images.mnist : null;
  const count = mnist?.train.count ?? 1;
  const pixels = mnist?.train.image(index) ?? new Uint8Array(784);
  const label = mnist?.train.labels[index];

  return (
    <div class="widget shuffle" data-testid="shuffled-digit">
      <div class="shuffle-images">
        <figure>
          <DigitThumb pixels={pixels} size={112} label={label === undefined ? 'loading an MNIST image' : `MNIST training image ${index}, a ${label}`} />
          <figcaption>as drawn{label !== undefined && <>: a <span data-testid="shuffle-label">{label}</span></>}</figcaption>
        </figure>
        <figure>
          <DigitThumb pixels={permuteImage(pixels, order)} size={112} label={`the same image with its pixels shuffled`} />
          <figcaption>the same 784 pixels, shuffled</figcaption>
        </figure>
        <div class="shuffle-nav">
          <button type="button" disabled={!mnist || index === 0} onClick={() => setIndex(index - 1)}>Previous image</button>
          <button type="button" disabled={!mnist || index === count - 1} onClick={() => setIndex(index + 1)}>Next image</button>
          <span class="shuffle-loading">{images.kind === 'loading' ? 'Loading MNIST…' : images.kind === 'failed' ? `Could not load MNIST: ${images.message}` : `image ${index}`}</span>
        </div>
      </div>
      <div class="shuffle-train">
        {busy
          ? <button type="button" onClick={stop}>Stop</button>
          : <button type="button" onClick={start}>Train both</button>}
        <SteadyHeight reserve={RESERVED_STATUS.map((text) => <p class="shuffle-status">{text}</p>)}>
          <p class="shuffle-status" aria-live="polite" data-testid="shuffle-status">{statusText(status, acc)}</p>
        </SteadyHeight>
      </div>
      <table class="shuffle-table">
        <caption>Accuracy on {HELD_OUT.toLocaleString('en')} held-out images after each epoch (784 → {SHUFFLE_CONFIG.hidden} → 10, ReLU, same initial weights)</caption>
        <thead>
          <tr><th scope="col">epoch</th><th scope="col">pixels as drawn</th><th scope="col">pixels shuffled</th></tr>
        </thead>
        <tbody>
          {Array.from({ length: EPOCHS }, (_, e) => (
            <tr>
              <th scope="row">{e + 1}</th>
              {PIXEL_SETS.map((p) => <td data-testid={`shuffle-${p}-${e + 1}`}>{pct(acc[p][e])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
