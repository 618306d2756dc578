// Chapter 13: SGD, momentum and Adam side by side on chapter 8's narrow valley, one step each per
// press. Every point comes from the engine (optimizerPath2D runs the optimisers of
// src/engine/optimizers.ts on the toy loss); this file draws the paths and holds the controls.
// The whole race is a few hundred two-number updates, so it runs on the main thread.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { narrowValley, optimizerPath2D, stepsToReach, type OptimizerOptions } from '../../src/engine';
import ContourCanvas from '../ui/ContourCanvas';
import LabelledRange from '../ui/LabelledRange';
import './OptimizerRace.css';

type Point = [number, number];
const loss = narrowValley;
const TARGET = 0.01;
const MAX_STEPS = 100;
const RUN_INTERVAL_MS = 250;
const S = 220; // CSS pixels of each contour square

/** Sliders move log10(η), so 0.001 and 0.2 are equally easy to reach. */
const etaFrom = (x: number) => Number((10 ** x).toPrecision(2));

function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'Infinity';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return v.toFixed(digits);
}

interface Racer {
  key: 'sgd' | 'momentum' | 'adam';
  title: string;
  options: OptimizerOptions;
  eta: number;
}

function Lane({ racer, path, children }: { racer: Racer; path: Point[]; children: preact.ComponentChildren }) {
  const [lo, hi] = loss.domain;
  const sx = (v: number) => ((v - lo) / (hi - lo)) * S;
  const sy = (v: number) => S - ((v - lo) / (hi - lo)) * S;
  const clamp = (v: number) => Math.max(lo - 1, Math.min(hi + 1, v)); // keep a runaway path drawable
  const w = path[path.length - 1];
  const L = loss.f(w[0], w[1]);
  const reached = stepsToReach(loss, path, TARGET);
  return (
    <section class="race-lane" aria-label={racer.title} data-testid={`race-${racer.key}`}>
      <h4 class="race-title">{racer.title}</h4>
      <div class="race-square">
        <ContourCanvas f={loss.f} domain={loss.domain} size={S} label={`Contour map of the narrow valley for ${racer.title}: darker is lower loss`} />
        <svg class="race-overlay" viewBox={`0 0 ${S} ${S}`} aria-hidden="true">
          <text class="race-tick" x={S - 4} y={S - 5} text-anchor="end">w1 →</text>
          <text class="race-tick" x={4} y={13}>↑ w2</text>
          <circle class="race-goal" cx={sx(0)} cy={sy(0)} r={4} />
          <polyline class="race-trail" points={path.map(([a, b]) => `${sx(clamp(a))},${sy(clamp(b))}`).join(' ')} />
          {path.map(([a, b]) => <circle class="race-dot" cx={sx(clamp(a))} cy={sy(clamp(b))} r={2} />)}
          <circle class="race-here" cx={sx(clamp(w[0]))} cy={sy(clamp(w[1]))} r={4.5} />
        </svg>
      </div>
      {children}
      <dl class="race-readout">
        <div><dt>(w1, w2)</dt><dd data-testid={`race-${racer.key}-w`}>({fmt(w[0])}, {fmt(w[1])})</dd></div>
        <div><dt>L</dt><dd data-testid={`race-${racer.key}-L`}>{fmt(L, 4)}</dd></div>
        <div><dt>below {TARGET}</dt><dd data-testid={`race-${racer.key}-reached`}>{reached === null ? 'not yet' : `at step ${reached}`}</dd></div>
      </dl>
    </section>
  );
}

export default function OptimizerRace() {
  const [sgdEta, setSgdEta] = useState(Math.log10(0.18));
  const [momentumEta, setMomentumEta] = useState(Math.log10(0.09));
  const [beta, setBeta] = useState(0.7);
  const [adamEta, setAdamEta] = useState(Math.log10(0.3));
  const [biasCorrection, setBiasCorrection] = useState(true);
  const [steps, setSteps] = useState(0);
  const [running, setRunning] = useState(false);

  const racers: Racer[] = [
    { key: 'sgd', title: 'SGD', options: { name: 'sgd' }, eta: etaFrom(sgdEta) },
    { key: 'momentum', title: 'Momentum', options: { name: 'momentum', beta }, eta: etaFrom(momentumEta) },
    { key: 'adam', title: 'Adam', options: { name: 'adam', biasCorrection }, eta: etaFrom(adamEta) },
  ];
  // Each path from the start with the current settings: a changed slider redraws the race so far.
  const paths = racers.map((r) => useMemo(() => optimizerPath2D(loss, r.options, r.eta, steps), [JSON.stringify(r.options), r.eta, steps]));
  const done = steps >= MAX_STEPS;

  useEffect(() => {
    if (!running) return;
    if (done) {
      setRunning(false);
      return;
    }
    const timer = setTimeout(() => setSteps((t) => t + 1), RUN_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [running, steps]);

  const reached = racers.map((r, i) => ({ title: r.title, t: stepsToReach(loss, paths[i], TARGET) }));
  const finished = reached.filter((r) => r.t !== null).sort((a, b) => a.t! - b.t!);
  const status = `After ${steps} step${steps === 1 ? '' : 's'}: ` +
    racers.map((r, i) => { const w = paths[i][paths[i].length - 1]; return `${r.title} L = ${fmt(loss.f(w[0], w[1]), 4)}`; }).join(', ') + '.' +
    (finished.length ? ` First below ${TARGET}: ${finished[0].title}, at step ${finished[0].t}.` : '');

  return (
    <div class="race widget">
      <div class="race-lanes">
        <Lane racer={racers[0]} path={paths[0]}>
          <LabelledRange label="η" value={sgdEta} min={-3} max={-0.6} step={0.01} onInput={setSgdEta}
            format={(x) => String(etaFrom(x))} testid="race-sgd-eta" />
        </Lane>
        <Lane racer={racers[1]} path={paths[1]}>
          <LabelledRange label="η" value={momentumEta} min={-3} max={-0.6} step={0.01} onInput={setMomentumEta}
            format={(x) => String(etaFrom(x))} testid="race-momentum-eta" />
          <LabelledRange label="β" value={beta} min={0} max={0.99} step={0.01} onInput={setBeta}
            format={(x) => x.toFixed(2)} testid="race-beta" />
        </Lane>
        <Lane racer={racers[2]} path={paths[2]}>
          <LabelledRange label="η" value={adamEta} min={-3} max={0} step={0.01} onInput={setAdamEta}
            format={(x) => String(etaFrom(x))} testid="race-adam-eta" />
          <label class="race-check">
            <input type="checkbox" checked={biasCorrection} onChange={(e) => setBiasCorrection(e.currentTarget.checked)}
              data-testid="race-bias-correction" />
            bias correction m̂, v̂
          </label>
        </Lane>
      </div>
      <div class="race-buttons">
        <button type="button" onClick={() => setSteps((t) => t + 1)} disabled={running || done} data-testid="race-step">Step</button>
        <button type="button" onClick={() => setRunning(!running)} disabled={done} aria-pressed={running}
          data-testid="race-run">{running ? 'Pause' : 'Run'}</button>
        <button type="button" onClick={() => { setRunning(false); setSteps(0); }} data-testid="race-reset">Reset</button>
        <span class="race-steps">step <span data-testid="race-steps">{steps}</span> of {MAX_STEPS}</span>
      </div>
      <p class="race-status" aria-live="polite" data-testid="race-status">{status}</p>
    </div>
  );
}
