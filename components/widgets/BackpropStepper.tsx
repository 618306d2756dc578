// Chapter 10: step through one forward pass (keeping Z1, A1, Z2, A2) and the backward
// pass (dZ2 … db1) on a 4 → 3 → 2 network with m = 5 examples. Every number comes
// from the engine (see backprop-steps.ts); this file only lays them out. The widget is
// as tall at every step as at its tallest, so stepping never moves the page.
import { useMemo, useState } from 'preact/hooks';
import type { ActivationName } from '../../src/engine';
import MatrixValues from '../ui/MatrixValues';
import SteadyHeight from '../ui/SteadyHeight';
import { CACHE, LABEL, backpropRun, type BackpropRun, type BackpropStep } from './backprop-steps';
import './BackpropStepper.css';

const ACTIVATIONS: { value: ActivationName; label: string }[] = [
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'tanh', label: 'tanh' },
  { value: 'relu', label: 'ReLU' },
];

interface Props {
  seed?: number;
}

/**
 * One step's equation, shapes, matrices and explanation. `shown` is the step on screen; the others
 * are drawn only to reserve their height, without test ids.
 */
function StepView({ run, step, shown }: { run: BackpropRun; step: BackpropStep; shown: boolean }) {
  const { values } = run;
  const operands = step.reads.filter((name) => name !== 'Z1' || step.id !== 'dZ1');
  const testid = (id: string) => (shown ? id : undefined);
  return (
    <>
      <p class="backprop-equation" data-testid={testid('backprop-equation')}>{step.equation}</p>
      <p class="backprop-shapes" data-testid={testid('backprop-shapes')}>{step.shapes}</p>
      <div class="backprop-matrices">
        {operands.map((name) => (
          <MatrixValues
            key={name}
            id={shown ? name : undefined}
            label={LABEL[name]}
            M={values[name]}
            tone={CACHE.includes(name) && step.phase === 'backward' ? 'cache' : 'plain'}
          />
        ))}
        {step.id !== 'start' && (
          <>
            <span class="backprop-arrow" aria-hidden="true">→</span>
            <MatrixValues id={shown ? step.id : undefined} label={LABEL[step.id]} M={values[step.id]} tone="result" />
          </>
        )}
      </div>
      <p class="backprop-why">
        {step.why}
        {step.id === 'A2' && <> The loss is <span data-testid={testid('backprop-loss')}>L = {run.loss.toFixed(4)}</span>.</>}
      </p>
    </>
  );
}

export default function BackpropStepper({ seed: firstSeed = 3 }: Props) {
  const [g, setG] = useState<ActivationName>('sigmoid');
  const [seed, setSeed] = useState(firstSeed);
  const [k, setK] = useState(0);
  const run = useMemo(() => backpropRun(g, seed), [g, seed]);
  const { steps } = run;
  const step = steps[k];
  const done = new Set(steps.slice(1, k + 1).map((s) => s.id));
  const readsCache = step.phase === 'backward' && step.reads.some((name) => CACHE.includes(name));
  const announce = `Step ${k} of ${steps.length - 1}: ${step.equation}. ${step.shapes}.`;

  return (
    <div class="widget backprop" data-testid="backprop-stepper">
      <div class="backprop-controls">
        <label class="backprop-field">
          <span>hidden activation g</span>
          <select value={g} onChange={(e) => setG((e.target as HTMLSelectElement).value as ActivationName)}>
            {ACTIVATIONS.map((a) => <option value={a.value}>{a.label}</option>)}
          </select>
        </label>
        <button type="button" class="backprop-button" onClick={() => setSeed(seed + 1)}>New numbers</button>
      </div>

      <nav class="backprop-steps" aria-label="Steps of the forward and backward pass">
        {(['forward', 'backward'] as const).map((phase) => (
          <div class="backprop-phase" key={phase}>
            <span class="backprop-phase-name">{phase}</span>
            <ol>
              {steps.map((s, i) => s.phase === phase && (
                <li key={s.id}>
                  <button
                    type="button"
                    class="backprop-chip"
                    aria-current={i === k ? 'step' : undefined}
                    data-done={done.has(s.id) ? 'true' : undefined}
                    onClick={() => setK(i)}
                  >{LABEL[s.id]}</button>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </nav>

      <div class="backprop-nav">
        <button type="button" class="backprop-button" disabled={k === 0} onClick={() => setK(k - 1)}>← Previous</button>
        <span class="backprop-count">step {k} of {steps.length - 1}</span>
        <button type="button" class="backprop-button backprop-next" disabled={k === steps.length - 1} onClick={() => setK(k + 1)}>Next →</button>
      </div>

      <p class="backprop-cache" aria-label="The cache kept by the forward pass">
        <span>cache:</span>
        {CACHE.map((name) => (
          <span
            key={name}
            class="backprop-cache-item"
            data-state={!done.has(name) ? 'empty' : step.reads.includes(name) ? 'read' : 'kept'}
          >{LABEL[name]}</span>
        ))}
        {/* always laid out, shown only when it applies, so the line never wraps differently */}
        <span class="backprop-cache-note" data-shown={readsCache}>this step reads the cache</span>
      </p>

      <div class="backprop-stage" data-testid="backprop-stage" data-step={step.id}>
        <SteadyHeight reserve={steps.map((s) => <StepView run={run} step={s} shown={false} />)}>
          <StepView run={run} step={step} shown />
        </SteadyHeight>
      </div>
      <p class="backprop-live" aria-live="polite">{announce}</p>
    </div>
  );
}
