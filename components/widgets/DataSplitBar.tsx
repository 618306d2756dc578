// Chapter 11: the three sets as one bar, drawn to scale. The validation size comes from the
// training worker's own rule (validationSize), so the bar always matches what the panel does.
import { useState } from 'preact/hooks';
import { validationSize } from '../../src/worker/session';
import LabelledRange from '../ui/LabelledRange';
import './DataSplitBar.css';

const TEST_IMAGES = 10_000;
const num = (v: number) => v.toLocaleString('en-US');

interface Segment {
  key: string;
  name: string;
  count: number;
  job: string;
}

/** Counts of every part of the bar for `loaded` training images of which `used` are learned from. */
export function splitCounts(loaded: number, used: number): Segment[] {
  const val = validationSize(loaded);
  const train = Math.min(used, loaded - val);
  return [
    { key: 'train', name: 'training', count: train, job: 'gradient descent learns W₁, b₁, W₂, b₂ from these' },
    { key: 'unused', name: 'not used', count: loaded - val - train, job: 'loaded but left out of this run' },
    { key: 'val', name: 'validation', count: val, job: 'checked after every epoch: picks the hyperparameters and when to stop' },
    { key: 'test', name: 'test', count: TEST_IMAGES, job: 'measured once, at the very end' },
  ];
}

export default function DataSplitBar({ full: startFull = false, used: startUsed = 8000 }: { full?: boolean; used?: number }) {
  const [full, setFull] = useState(startFull);
  const loaded = full ? 60_000 : 10_000;
  const maxUsed = loaded - validationSize(loaded);
  const [used, setUsed] = useState(startUsed);
  const segments = splitCounts(loaded, Math.min(used, maxUsed));
  const total = loaded + TEST_IMAGES;
  const visible = segments.filter((s) => s.count > 0);

  return (
    <div class="widget splitbar" data-testid="data-split-bar">
      <div class="splitbar-controls">
        <fieldset class="splitbar-choice">
          <legend>training images loaded</legend>
          <label><input type="radio" name="splitbar-full" checked={!full} onChange={() => setFull(false)} /> the 10,000 subset</label>
          <label><input type="radio" name="splitbar-full" checked={full} onChange={() => setFull(true)} /> all 60,000</label>
        </fieldset>
        <LabelledRange
          label="training images used"
          value={Math.min(used, maxUsed)}
          min={100}
          max={maxUsed}
          step={100}
          onInput={setUsed}
          format={num}
          testid="splitbar-used"
        />
      </div>
      <div class="splitbar-bar" aria-hidden="true">
        {visible.map((s) => (
          <div key={s.key} class={`splitbar-seg splitbar-${s.key}`} style={{ flexGrow: s.count, flexBasis: 0 }} title={`${s.name}: ${num(s.count)}`} />
        ))}
      </div>
      <ul class="splitbar-legend" aria-live="polite">
        {visible.map((s) => (
          <li key={s.key} data-testid={`split-${s.key}`} data-count={s.count}>
            <span class={`splitbar-swatch splitbar-${s.key}`} aria-hidden="true" />
            <span class="splitbar-name">{s.name}</span>{' '}
            <span class="splitbar-count">{num(s.count)}</span>{' '}
            <span class="splitbar-share">({((100 * s.count) / total).toFixed(1)}%)</span>
            <span class="splitbar-job">{s.job}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
