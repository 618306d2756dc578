// Chapter 12: what each hidden unit of a trained network looks for. Every unit's row of W1 is drawn
// as a 28×28 picture; pick one to see the images (of the first 2,000 training images) that give it
// the largest z. The network is the reader's saved one, or else the bundled one (reading-network.ts);
// the forward pass runs in a worker (src/worker/hidden-units-worker.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SEARCHED, TOP, type UnitTop } from '../../src/worker/hidden-units';
import type { FromHiddenWorker, ToHiddenWorker } from '../../src/worker/hidden-units-worker';
import DigitThumb from '../ui/DigitThumb';
import WeightPicture from '../ui/WeightPicture';
import { readingNetwork, type ReadingNetwork } from './reading-network';
import './HiddenUnits.css';

type Found = { kind: 'loading'; fraction: number } | { kind: 'ready'; units: UnitTop[]; images: Uint8Array; labels: number[] } | { kind: 'error'; message: string };

export default function HiddenUnits() {
  const [network, setNetwork] = useState<ReadingNetwork | null>(null);
  const [found, setFound] = useState<Found>({ kind: 'loading', fraction: 0 });
  const [unit, setUnit] = useState(0);
  const worker = useRef<Worker | null>(null);

  useEffect(() => {
    let cancelled = false;
    readingNetwork()
      .then((n) => {
        if (cancelled) return;
        setNetwork(n);
        const w = new Worker(new URL('../../src/worker/hidden-units-worker.ts', import.meta.url), { type: 'module', name: 'hidden-units' });
        w.onmessage = ({ data: m }: MessageEvent<FromHiddenWorker>) => {
          if (m.type === 'loading') setFound({ kind: 'loading', fraction: m.fraction });
          else if (m.type === 'result') setFound({ kind: 'ready', units: m.units, images: m.images, labels: m.labels });
          else setFound({ kind: 'error', message: m.message });
        };
        w.onerror = (e) => {
          e.preventDefault();
          setFound({ kind: 'error', message: `the worker crashed (${e.message || 'unknown error'})` });
        };
        w.postMessage({ run: 1, network: n.net.toJSON() } satisfies ToHiddenWorker);
        worker.current = w;
      })
      .catch((e: Error) => !cancelled && setFound({ kind: 'error', message: e.message }));
    return () => {
      cancelled = true;
      worker.current?.terminate();
    };
  }, []);

  // Row i of W1 (h, 784) is unit i's 784 incoming weights.
  const rows = useMemo(() => {
    if (!network) return [];
    const W1 = network.net.W[0];
    return Array.from({ length: W1.rows }, (_, i) => W1.data.subarray(i * W1.cols, (i + 1) * W1.cols));
  }, [network]);

  const status = !network
    ? found.kind === 'error' ? `Could not load a network: ${found.message}` : 'Loading the network…'
    : found.kind === 'loading' ? `Reading ${SEARCHED.toLocaleString('en')} images through it… ${Math.round(100 * found.fraction)}%`
    : found.kind === 'error' ? `Error: ${found.message}`
    : `Unit ${unit + 1} of ${rows.length}: the ${TOP} of the first ${SEARCHED.toLocaleString('en')} training images with the largest z.`;

  const top = found.kind === 'ready' ? found.units[unit] : null;

  return (
    <div class="widget hunits" data-testid="hidden-units" data-source={network?.source} data-state={found.kind}>
      <p class="hunits-network">{network ? `Reading with ${network.name}.` : 'Loading the network…'}{network?.note && ` ${network.note}`}</p>
      <div class="hunits-grid" role="group" aria-label="Hidden units: pick one">
        {rows.map((weights, i) => (
          <button type="button" class="hunits-unit" aria-pressed={unit === i} aria-label={`hidden unit ${i + 1}`} onClick={() => setUnit(i)} data-testid={`hunit-${i}`}>
            <WeightPicture weights={weights} size={40} />
          </button>
        ))}
      </div>
      <p class="hunits-key"><span class="hunits-plus">positive weight</span> <span class="hunits-minus">negative weight</span> (each unit scaled to its largest |w|)</p>
      <div class="hunits-detail">
        {rows[unit] && <WeightPicture weights={rows[unit]} size={112} label={`row ${unit + 1} of W1 as a 28 by 28 picture`} />}
        <ol class="hunits-top" aria-label={`images that excite unit ${unit + 1} most`}>
          {Array.from({ length: TOP }, (_, k) => {
            const j = top?.index[k];
            return (
              <li data-testid="hunit-top">
                {j === undefined || found.kind !== 'ready'
                  ? <div class="hunits-placeholder" />
                  : <DigitThumb pixels={found.images.subarray(j * 784, (j + 1) * 784)} size={56} label={`training image ${j}, a ${found.labels[j]}`} />}
                <span class="hunits-z" data-index={j} data-z={top?.z[k]}>z = {top ? top.z[k].toFixed(2) : '…'}</span>
              </li>
            );
          })}
        </ol>
      </div>
      <p class="hunits-status" aria-live="polite" data-testid="hunits-status">{status}</p>
    </div>
  );
}
