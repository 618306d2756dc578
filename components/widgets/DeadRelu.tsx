// Chapter 6: train a 784 → 64 → 10 network on MNIST at a high learning rate, once
// with ReLU and once with leaky ReLU, and count the dead hidden units after every
// epoch. Training and counting happen in a worker (src/worker/dead-units-worker.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeadAct, DeadRunConfig, FromDeadWorker, ToDeadWorker } from '../../src/worker/dead-units-worker';
import { WorkerHandle } from '../../src/worker/handle';
import FunctionPlotSvg from '../ui/FunctionPlotSvg';
import './DeadRelu.css';

const HIDDEN = 64;
const EPOCHS = 10;
const RATES = [0.1, 0.5, 0.8, 1];
const ALPHAS = [0.01, 0.1];

interface Row {
  dead: Partial<Record<DeadAct, number>>;
  acc: Partial<Record<DeadAct, number | null>>;
}

/** (epoch, dead units) for one activation, as far as the run has got. */
function series(rows: Row[], act: DeadAct): [number, number][] {
  return rows.flatMap((r, e) => (r.dead[act] === undefined ? [] : [[e, r.dead[act]!] as [number, number]]));
}

type Status = { kind: 'idle' } | { kind: 'loading'; fraction: number } | { kind: 'running' } | { kind: 'done' } | { kind: 'error'; message: string };

function statusText(status: Status, rows: Row[], diverged: string[]): string {
  const last = rows[rows.length - 1];
  const counts = last ? `ReLU ${last.dead.relu ?? '…'} dead of ${HIDDEN}, leaky ReLU ${last.dead.leakyRelu ?? '…'}` : '';
  const extra = diverged.length ? ` ${diverged.join(' ')}` : '';
  switch (status.kind) {
    case 'idle': return 'Press “Train both” to train the ReLU and the leaky ReLU network side by side.';
    case 'loading': return `Loading MNIST… ${Math.round(100 * status.fraction)}%`;
    case 'running': return `Epoch ${Math.max(0, rows.length - 1)} of ${EPOCHS}: ${counts}.${extra}`;
    case 'done': return `Done after ${EPOCHS} epochs: ${counts}.${extra}`;
    case 'error': return `Error: ${status.message}`;
  }
}

export default function DeadRelu() {
  const [rate, setRate] = useState(0.8);
  const [alpha, setAlpha] = useState(0.1);
  const [rows, setRows] = useState<Row[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [diverged, setDiverged] = useState<string[]>([]);
  const worker = useRef<WorkerHandle<ToDeadWorker, FromDeadWorker> | null>(null);

  useEffect(() => () => worker.current?.stop(), []);

  const onMessage = (m: FromDeadWorker) => {
    if (m.type === 'loading') setStatus({ kind: 'loading', fraction: m.fraction });
    else if (m.type === 'epoch') {
      setStatus({ kind: 'running' });
      setRows((old) => {
        const next = old.slice();
        while (next.length <= m.epoch) next.push({ dead: {}, acc: {} });
        next[m.epoch] = { dead: { ...next[m.epoch].dead, [m.act]: m.dead }, acc: { ...next[m.epoch].acc, [m.act]: m.valAccuracy } };
        return next;
      });
    } else if (m.type === 'diverged') setDiverged((d) => [...d, `${m.act === 'relu' ? 'ReLU' : 'Leaky ReLU'} run diverged: ${m.message}.`]);
    else if (m.type === 'done') setStatus({ kind: 'done' });
    else setStatus({ kind: 'error', message: m.message });
  };

  const start = () => {
    worker.current ??= new WorkerHandle(
      () => new Worker(new URL('../../src/worker/dead-units-worker.ts', import.meta.url), { type: 'module', name: 'dead-units' }),
      'the training worker',
      { message: (m) => onMessage(m), crash: (message) => setStatus({ kind: 'error', message }) },
    );
    setRows([]);
    setDiverged([]);
    setStatus({ kind: 'loading', fraction: 0 });
    const config: DeadRunConfig = { learningRate: rate, alpha, epochs: EPOCHS, hidden: HIDDEN, trainSize: 2000, probeSize: 500, seed: 1 };
    worker.current.begin((run) => ({ type: 'start', run, config }));
  };

  const stop = () => {
    worker.current?.begin(() => ({ type: 'stop' })); // what the stopped runs still send is stale now
    setStatus({ kind: 'idle' });
  };

  const busy = status.kind === 'loading' || status.kind === 'running';
  const pct = (v: number | null | undefined) => (v == null ? '–' : `${(100 * v).toFixed(0)}%`);

  return (
    <div class="widget deadrelu" data-testid="dead-relu">
      <div class="deadrelu-controls">
        <label>
          learning rate η
          <select value={rate} disabled={busy} onChange={(e) => setRate(Number((e.target as HTMLSelectElement).value))} data-testid="deadrelu-rate">
            {RATES.map((r) => <option value={r}>{r}</option>)}
          </select>
        </label>
        <label>
          leaky slope α
          <select value={alpha} disabled={busy} onChange={(e) => setAlpha(Number((e.target as HTMLSelectElement).value))}>
            {ALPHAS.map((a) => <option value={a}>{a}</option>)}
          </select>
        </label>
        {busy
          ? <button type="button" onClick={stop}>Stop</button>
          : <button type="button" onClick={start}>Train both</button>}
      </div>
      <p class="deadrelu-status" aria-live="polite" data-testid="deadrelu-status">{statusText(status, rows, diverged)}</p>
      <figure class="deadrelu-chart">
        <figcaption>
          Dead hidden units (of {HIDDEN}) per epoch:
          <span class="deadrelu-key deadrelu-key-relu">ReLU</span>
          <span class="deadrelu-key deadrelu-key-leaky">leaky ReLU (α = {alpha})</span>
        </figcaption>
        <FunctionPlotSvg
          label={`Dead hidden units per epoch, ReLU and leaky ReLU`}
          x={[0, EPOCHS]}
          y={[0, HIDDEN]}
          yTicks={[0, 16, 32, 48, 64]}
          curves={[
            { points: series(rows, 'relu'), className: 'fplot-curve-bad' },
            { points: series(rows, 'leakyRelu'), className: 'fplot-curve-dashed' },
          ]}
        />
      </figure>
      <table class="deadrelu-table" data-testid="deadrelu-table">
        <caption>Per epoch: units with z ≤ 0 on all 500 probe images, and validation accuracy</caption>
        <thead>
          <tr><th scope="col">epoch</th><th scope="col">ReLU dead</th><th scope="col">leaky “dead”</th><th scope="col">ReLU acc.</th><th scope="col">leaky acc.</th></tr>
        </thead>
        <tbody>
          {rows.map((r, e) => (
            <tr>
              <th scope="row">{e}</th>
              <td data-testid="dead-relu-count">{r.dead.relu ?? '…'}</td>
              <td data-testid="dead-leaky-count">{r.dead.leakyRelu ?? '…'}</td>
              <td>{pct(r.acc.relu)}</td>
              <td>{pct(r.acc.leakyRelu)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
