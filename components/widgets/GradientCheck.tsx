// Chapter 10: compare backprop's gradients with numerical ones (central differences),
// then break the backward pass the way tutorials do and watch the check fail.
// The gradients, the differences and the relative errors all come from the engine.
import { useMemo, useState } from 'preact/hooks';
import { GRADIENT_TOLERANCE, formatShape } from '../../src/engine';
import MatrixValues from '../ui/MatrixValues';
import { BUGS, PARAMS, checkSetup, compare, type Bug } from './gradient-bugs';
import './GradientCheck.css';

const LABEL: Record<string, string> = { dW1: 'dW₁', db1: 'db₁', dW2: 'dW₂', db2: 'db₂' };

export default function GradientCheck({ seed = 11 }: { seed?: number }) {
  const setup = useMemo(() => checkSetup(seed), [seed]);
  const [bug, setBug] = useState<Bug>('none');
  const [closer, setCloser] = useState<(typeof PARAMS)[number]>('db1');
  const rows = useMemo(() => compare(setup, bug), [setup, bug]);
  const failed = rows.filter((r) => !(r.error < GRADIENT_TOLERANCE));
  const chosen = rows.find((r) => r.name === closer)!;
  const summary = failed.length === 0
    ? 'All four gradients pass the check.'
    : `The check fails for ${failed.map((r) => LABEL[r.name]).join(', ')}.`;

  return (
    <div class="widget gradcheck" data-testid="gradient-check">
      <fieldset class="gradcheck-bugs">
        <legend>Backward pass</legend>
        {BUGS.map((b) => (
          <label key={b.value} class="gradcheck-bug">
            <input type="radio" name={`gradcheck-bug-${seed}`} value={b.value} checked={bug === b.value} onChange={() => setBug(b.value)} />
            <span>{b.label}</span>
          </label>
        ))}
      </fieldset>
      <p class="gradcheck-code" data-testid="gradcheck-code">{BUGS.find((b) => b.value === bug)!.code}</p>

      <table class="gradcheck-table">
        <caption>Relative error ‖analytic − numerical‖ / (‖analytic‖ + ‖numerical‖); pass below {GRADIENT_TOLERANCE}</caption>
        <thead>
          <tr><th scope="col">gradient</th><th scope="col">shape</th><th scope="col">relative error</th><th scope="col">check</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const ok = r.error < GRADIENT_TOLERANCE;
            return (
              <tr key={r.name} data-testid={`gradcheck-${r.name}`} data-error={r.error} data-ok={String(ok)}>
                <th scope="row">{LABEL[r.name]}</th>
                <td>{formatShape(r.analytic.shape)}</td>
                <td>{r.error.toExponential(1)}</td>
                <td class={ok ? 'gradcheck-pass' : 'gradcheck-fail'}>{ok ? '✓ pass' : '✗ fail'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="gradcheck-summary" aria-live="polite" data-testid="gradcheck-summary">{summary}</p>

      <div class="gradcheck-closer">
        <label class="gradcheck-field">
          <span>look closer at</span>
          <select value={closer} onChange={(e) => setCloser((e.target as HTMLSelectElement).value as (typeof PARAMS)[number])}>
            {PARAMS.map((name) => <option value={name}>{LABEL[name]}</option>)}
          </select>
        </label>
        <div class="gradcheck-pair">
          <MatrixValues id="analytic" label={`${LABEL[closer]} by backprop`} M={chosen.analytic} digits={4} tone={chosen.error < GRADIENT_TOLERANCE ? 'plain' : 'result'} />
          <MatrixValues id="numeric" label={`${LABEL[closer]} by differences`} M={setup.numeric[closer]} digits={4} />
        </div>
      </div>
    </div>
  );
}
