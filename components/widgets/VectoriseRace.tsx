// Chapter 3: the same matrix product computed five ways (four where WebAssembly SIMD is missing),
// timed live in the reader's browser.
// The timing runs in a Worker (src/worker/race-worker.ts) so the page never freezes; this file
// only sends the sizes and draws what comes back.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RaceMessage, RaceRequest } from '../../src/worker/race-worker.ts';
import { WorkerHandle } from '../../src/worker/handle.ts';
import './VectoriseRace.css';

type Result = Extract<RaceMessage, { type: 'result' }>;
interface Sizes { n: number; k: number; m: number }

const PRESETS: { name: string; sizes: Sizes }[] = [
  { name: 'one image through layer 1: W1 (16, 784) · x (784, 1)', sizes: { n: 16, k: 784, m: 1 } },
  { name: 'a minibatch: W1 (16, 784) · X (784, 64)', sizes: { n: 16, k: 784, m: 64 } },
  { name: 'a big batch: W1 (16, 784) · X (784, 1000)', sizes: { n: 16, k: 784, m: 1000 } },
  { name: 'a wide layer: (128, 784) · (784, 256)', sizes: { n: 128, k: 784, m: 256 } },
  { name: 'square: (300, 300) · (300, 300)', sizes: { n: 300, k: 300, m: 300 } },
];
const MAX_SIZE = 2000;
/** Above this many multiply-adds the nested-array entry can take several seconds. */
const SLOW_WORK = 3e8;

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3)) + ' ms';
const fmtRate = (perSecond: number) =>
  perSecond >= 1e9 ? `${(perSecond / 1e9).toFixed(2)} G` : `${(perSecond / 1e6).toFixed(0)} M`;

function SizeField({ label, value, onChange, id }: { label: string; value: number; onChange(v: number): void; id: string }) {
  return (
    <label class="vr-size">
      <span>{label}</span>
      <input type="number" min={1} max={MAX_SIZE} step={1} value={value} data-testid={`vr-${id}`}
        onInput={(e) => onChange(Math.round(Number(e.currentTarget.value)))} />
    </label>
  );
}

function ResultRow({ r, slowest, fastest, base, work }: { r: Result; slowest: number; fastest: number; base: number; work: number }) {
  return (
    <li class={r.ms === fastest ? 'vr-row vr-winner' : 'vr-row'} data-testid={`vr-result-${r.id}`} data-ms={r.ms} data-maxdiff={r.maxDiff}>
      <span class="vr-label">{r.label}</span>
      <span class="vr-bar" aria-hidden="true"><span style={{ width: `${Math.max(1, (100 * r.ms) / slowest)}%` }} /></span>
      <span class="vr-numbers">
        <strong>{fmtMs(r.ms)}</strong> · <span data-testid="vr-speedup">{(base / r.ms).toFixed(1)}×</span> as fast as nested arrays · {fmtRate((work / r.ms) * 1000)} multiply-adds/s
      </span>
    </li>
  );
}

export default function VectoriseRace() {
  const [sizes, setSizes] = useState<Sizes>(PRESETS[2].sizes);
  const [results, setResults] = useState<Result[]>([]);
  const [status, setStatus] = useState('Press "Race" to time each way on your machine.');
  const [running, setRunning] = useState(false);
  const worker = useRef<WorkerHandle<RaceRequest, RaceMessage> | null>(null);
  const raced = useRef<Sizes>(sizes);

  useEffect(() => () => worker.current?.stop(), []);

  const { n, k, m } = sizes;
  const valid = [n, k, m].every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_SIZE);
  const work = n * k * m;

  function start() {
    const handle = (worker.current ??= new WorkerHandle<RaceRequest, RaceMessage>(
      () => new Worker(new URL('../../src/worker/race-worker.ts', import.meta.url), { type: 'module' }),
      'The race worker',
      { message: (msg) => onMessage(msg), crash: (sentence) => finish(`The race failed: ${sentence}.`) },
    ));
    handle.stop(); // a race in progress is abandoned: its timings would mix with the new one's
    raced.current = sizes;
    setResults([]);
    setRunning(true);
    setStatus(`Racing (${n}, ${k}) · (${k}, ${m}): ${work.toLocaleString('en')} multiply-adds per product…`);
    handle.send({ n, k, m, seed: 1 });
  }

  function onMessage(msg: RaceMessage) {
    if (msg.type === 'result') setResults((rs) => [...rs, msg]);
    if (msg.type === 'done') finish('Done.');
    if (msg.type === 'error') finish(`The race failed: ${msg.message}`);
  }

  function finish(message: string) {
    setRunning(false);
    setStatus(message);
  }

  function stop() {
    worker.current?.stop();
    finish('Stopped. The worker was closed; press "Race" to start again.');
  }

  const slowest = Math.max(...results.map((r) => r.ms));
  const fastest = Math.min(...results.map((r) => r.ms));
  const base = results.find((r) => r.id === 'nested')?.ms ?? slowest;
  const worstDiff = Math.max(0, ...results.map((r) => r.maxDiff));
  const shown = raced.current;

  return (
    <div class="vr">
      <fieldset class="vr-controls">
        <legend>Sizes: A is (n, k), B is (k, m), C = A·B is (n, m)</legend>
        <label class="vr-preset">
          <span>Preset</span>
          <select data-testid="vr-preset" onChange={(e) => setSizes(PRESETS[Number(e.currentTarget.value)].sizes)}
            value={PRESETS.findIndex((p) => p.sizes.n === n && p.sizes.k === k && p.sizes.m === m)}>
            <option value={-1} disabled>custom</option>
            {PRESETS.map((p, i) => <option value={i}>{p.name}</option>)}
          </select>
        </label>
        <div class="vr-sizes">
          <SizeField label="n" id="n" value={n} onChange={(v) => setSizes({ ...sizes, n: v })} />
          <SizeField label="k" id="k" value={k} onChange={(v) => setSizes({ ...sizes, k: v })} />
          <SizeField label="m" id="m" value={m} onChange={(v) => setSizes({ ...sizes, m: v })} />
        </div>
        <p class="vr-work">
          {valid ? <>{work.toLocaleString('en')} multiply-adds per product{work > SLOW_WORK ? ' (the nested arrays may take several seconds)' : ''}</>
            : `Each size must be a whole number from 1 to ${MAX_SIZE}.`}
        </p>
        <div class="vr-buttons">
          <button type="button" onClick={start} disabled={!valid || running} data-testid="vr-run">Race</button>
          <button type="button" onClick={stop} disabled={!running} data-testid="vr-stop">Stop</button>
        </div>
      </fieldset>
      <p class="vr-status" role="status" aria-live="polite" data-testid="vr-status">{status}</p>
      <ol class="vr-results" aria-label="Times, fastest run of each">
        {results.map((r) => <ResultRow r={r} slowest={slowest} fastest={fastest} base={base} work={shown.n * shown.k * shown.m} />)}
      </ol>
      {results.length > 0 && (
        <p class="vr-agree" data-testid="vr-agree">
          Every entry computed the same C: the largest difference from the engine's answer is {worstDiff.toExponential(1)}
          {' '}(float32 rounding; the nested arrays add in float64).
        </p>
      )}
      {results.some((r) => r.id === 'wasm-simd') && (
        <p class="vr-agree" data-testid="vr-wasm-note">
          WebAssembly SIMD is compiled code: each f32x4 instruction multiplies and adds four numbers at once, and a 4×8
          tile of C stays in registers while p runs over k. That is what "numpy is fast" means.
        </p>
      )}
    </div>
  );
}
