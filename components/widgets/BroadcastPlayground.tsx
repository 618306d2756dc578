// Chapter 5: pick two shapes and see numpy's broadcasting rule decide, dimension by
// dimension, what A + B is, or the exact error. Every verdict is the engine's:
// broadcastShape for the shapes, add for which entries are read.
import { useMemo, useState } from 'preact/hooks';
import { Matrix, ShapeError, add, broadcastShape, createRng, formatShape, map, type Shape } from '../../src/engine';
import './BroadcastPlayground.css';

const PRESETS: { label: string; a: Shape; b: Shape }[] = [
  { label: 'a batch plus a bias', a: [4, 3], b: [4, 1] },
  { label: 'the notes’ example', a: [3, 3], b: [1, 3] },
  { label: 'wrong bias', a: [16, 1], b: [10, 1] },
  { label: 'column + row', a: [4, 1], b: [1, 3] },
];
const MAX = 64;
const GRID_MAX = 8;

type Outcome = { ok: true; shape: Shape } | { ok: false; message: string };

/** The engine's verdict on `a + b`: the result shape, or its ShapeError message. */
function outcome(a: Shape, b: Shape): Outcome {
  try {
    return { ok: true, shape: broadcastShape('add', a, b) };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The engine's verdict for one dimension alone (d = 1 is columns, d = 0 rows). */
function dimensionVerdict(a: Shape, b: Shape, d: 0 | 1): string {
  const single = outcome([1, a[d]], [1, b[d]]);
  if (!single.ok) return `${a[d]} ≠ ${b[d]} and neither is 1: error`;
  const n = single.shape[1];
  if (a[d] === b[d]) return `equal: ${n}`;
  return a[d] === 1 ? `A’s 1 stretches to ${n}` : `B’s 1 stretches to ${n}`;
}

/**
 * Which entry of M each output position reads: M's entries are set to their own
 * flat index and added to zeros of the result's shape, so the engine's own add
 * shows the reading pattern (a stretched dimension reads with stride 0).
 */
function readPattern(M: Shape, out: Shape): Matrix {
  const labels = new Matrix(M[0], M[1]);
  labels.data.forEach((_, p) => (labels.data[p] = p));
  return add(labels, Matrix.zeros(out[0], out[1]));
}

function ShapeInput(props: { name: 'A' | 'B'; shape: Shape; onChange(s: Shape): void }) {
  const field = (d: 0 | 1, label: string) => (
    <label class="bcast-dim">
      <span>{label}</span>
      <input
        type="number"
        min={1}
        max={MAX}
        value={props.shape[d]}
        aria-label={`${props.name} ${label}`}
        onInput={(e) => {
          const v = Math.round(Number((e.target as HTMLInputElement).value));
          if (v >= 1 && v <= MAX) props.onChange(d === 0 ? [v, props.shape[1]] : [props.shape[0], v]);
        }}
      />
    </label>
  );
  return (
    <fieldset class="bcast-shape">
      <legend>{props.name}</legend>
      ({field(0, 'rows')}, {field(1, 'columns')})
    </fieldset>
  );
}

function Grid(props: { name: string; M: Matrix; source: Shape }) {
  const cols = props.source[1];
  return (
    <table class="bcast-grid" aria-label={`which entry of ${props.name} each result entry reads`}>
      <caption>{props.name} read at</caption>
      <tbody>
        {props.M.toArray().map((row) => (
          <tr>{row.map((p) => <td>{`[${Math.floor(p / cols)},${p % cols}]`}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}

const H = 16;
const BATCH = 5;

function round1(v: number): string {
  return v.toFixed(1);
}

/** The bias b1 (16, 1) added to W1·X (16, m), one column (example) at a time; the sums are the engine's add. */
function BiasBatchStepper() {
  const { WX, b1, Z1 } = useMemo(() => {
    const rng = createRng(5);
    // Rounded to one decimal so the sums can be checked by eye.
    const WX = map(Matrix.randn(H, BATCH, rng), (v) => Math.round(v * 10) / 10);
    const b1 = map(Matrix.randn(H, 1, rng), (v) => Math.round(v * 10) / 10);
    return { WX, b1, Z1: add(WX, b1) };
  }, []);
  const [j, setJ] = useState(0);
  const cell = (M: Matrix, i: number, c: number, lit: boolean) => (
    <td class={lit ? 'bcast-lit' : undefined}>{round1(M.get(i, c))}</td>
  );

  return (
    <section class="bcast-batch" aria-label="The bias across a batch">
      <h3 class="bcast-batch-title">b1 (16, 1) across a batch W1·X (16, {BATCH})</h3>
      <div class="bcast-step">
        <label for="bcast-col">example (column) j</label>
        <input id="bcast-col" type="range" min={0} max={BATCH - 1} value={j} onInput={(e) => setJ(Number((e.target as HTMLInputElement).value))} />
        <button type="button" onClick={() => setJ((j + 1) % BATCH)}>Next column</button>
      </div>
      <p class="bcast-step-text" aria-live="polite" data-testid="bcast-step-text">
        Column j = {j}: Z1[i, {j}] = (W1·X)[i, {j}] + b1[i, 0] for i = 0 … 15. The same 16 numbers of b1 are read for
        every column; b1 is never copied into a (16, {BATCH}) block.
      </p>
      {/* Scrolls sideways on a phone: focusable so the keyboard can scroll it too. */}
      <div class="bcast-batch-tables" tabIndex={0} role="group" aria-label="W1·X, b1 and Z1 side by side (scrolls sideways on narrow screens)">
        <table class="bcast-num" aria-label="W1 times X, shape (16, 5)">
          <caption>W1·X (16, {BATCH})</caption>
          <tbody>{Array.from({ length: H }, (_, i) => <tr>{Array.from({ length: BATCH }, (_, c) => cell(WX, i, c, c === j))}</tr>)}</tbody>
        </table>
        <span class="bcast-op" aria-hidden="true">+</span>
        <table class="bcast-num" aria-label="b1, shape (16, 1)">
          <caption>b1 (16, 1)</caption>
          <tbody>{Array.from({ length: H }, (_, i) => <tr>{cell(b1, i, 0, true)}</tr>)}</tbody>
        </table>
        <span class="bcast-op" aria-hidden="true">=</span>
        <table class="bcast-num" aria-label="Z1, shape (16, 5)" data-testid="bcast-z1">
          <caption>Z1 (16, {BATCH})</caption>
          <tbody>{Array.from({ length: H }, (_, i) => <tr>{Array.from({ length: BATCH }, (_, c) => cell(Z1, i, c, c === j))}</tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

export default function BroadcastPlayground() {
  const [a, setA] = useState<Shape>([4, 3]);
  const [b, setB] = useState<Shape>([4, 1]);
  const result = outcome(a, b);
  const small = result.ok && result.shape[0] <= GRID_MAX && result.shape[1] <= GRID_MAX;

  return (
    <div class="widget bcast" data-testid="broadcast-playground">
      <div class="bcast-presets" role="group" aria-label="Examples">
        {PRESETS.map((p) => (
          <button type="button" onClick={() => { setA(p.a); setB(p.b); }}>
            {p.label}: {formatShape(p.a)} + {formatShape(p.b)}
          </button>
        ))}
      </div>
      <div class="bcast-inputs">
        <ShapeInput name="A" shape={a} onChange={setA} />
        <span class="bcast-plus" aria-hidden="true">+</span>
        <ShapeInput name="B" shape={b} onChange={setB} />
      </div>
      <table class="bcast-rule">
        <caption>The rule, dimension by dimension, aligned from the right</caption>
        <thead><tr><th scope="col">dimension</th><th scope="col">A</th><th scope="col">B</th><th scope="col">verdict</th></tr></thead>
        <tbody>
          <tr><th scope="row">last (columns)</th><td>{a[1]}</td><td>{b[1]}</td><td data-testid="verdict-cols">{dimensionVerdict(a, b, 1)}</td></tr>
          <tr><th scope="row">first (rows)</th><td>{a[0]}</td><td>{b[0]}</td><td data-testid="verdict-rows">{dimensionVerdict(a, b, 0)}</td></tr>
        </tbody>
      </table>
      <p class={result.ok ? 'bcast-result bcast-ok' : 'bcast-result bcast-error'} aria-live="polite" data-testid="bcast-result">
        {result.ok
          ? <>A + B has shape <code>{formatShape(result.shape)}</code></>
          : <>Error: <code>{result.message}</code></>}
      </p>
      <div class="bcast-grids">
        {small && result.ok ? (
          <>
            <Grid name="A" M={readPattern(a, result.shape)} source={a} />
            <Grid name="B" M={readPattern(b, result.shape)} source={b} />
          </>
        ) : (
          <p class="bcast-note">{result.ok ? `Pick shapes up to ${GRID_MAX} × ${GRID_MAX} to see which entry each position reads.` : 'No result, so nothing is read.'}</p>
        )}
      </div>
      <BiasBatchStepper />
    </div>
  );
}
