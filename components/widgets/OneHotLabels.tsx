// Chapter 2: number labels versus one-hot labels. Every loss, mean, one-hot matrix and argmax
// shown here is computed by the engine; this file only lays the numbers out.
import { useMemo, useState } from 'preact/hooks';
import { Matrix, argmax, fromOneHot, mse, oneHot, scale, sum, sumAll } from '../../src/engine';
import './OneHotLabels.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const LOOK_ALIKES = 20;
/** The example prediction of the chapter, as scores out of 100. */
const START_SCORES = [1, 62, 2, 1, 3, 1, 2, 20, 3, 5];

const fmt = (v: number, digits = 2) => v.toFixed(digits);

/** Squared-error cost of answering `answer` when the label is `label`, both ways. */
function costs(label: number) {
  return DIGITS.map((answer) => ({
    answer,
    number: mse(Matrix.fromArray([[answer]]), Matrix.fromArray([[label]])),
    oneHot: mse(oneHot([answer]), oneHot([label])),
  }));
}

function CostOfWrongAnswers() {
  const [label, setLabel] = useState(1);
  const rows = useMemo(() => costs(label), [label]);
  const worst = Math.max(...rows.map((r) => r.number));
  return (
    <section class="ohl-part" aria-labelledby="ohl-cost-title">
      <h3 id="ohl-cost-title">1. What a wrong answer costs</h3>
      <label class="ohl-inline">
        The image shows the digit{' '}
        <select value={label} onChange={(e) => setLabel(Number(e.currentTarget.value))} data-testid="ohl-label">
          {DIGITS.map((d) => <option value={d}>{d}</option>)}
        </select>
      </label>
      <p class="ohl-note">Loss ½(ŷ − y)² per answer, number label vs one-hot label (engine <code>mse</code>).</p>
      <table class="ohl-costs">
        <thead>
          <tr><th scope="col">answer</th><th scope="col">number label</th><th scope="col">one-hot label</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={r.answer === label ? 'ohl-right' : ''} data-testid={`ohl-cost-${r.answer}`}>
              <th scope="row">{r.answer}</th>
              <td><Bar value={r.number} max={worst} text={fmt(r.number, 1)} testid="number" /></td>
              <td><Bar value={r.oneHot} max={1} text={fmt(r.oneHot, 1)} testid="onehot" /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Bar({ value, max, text, testid }: { value: number; max: number; text: string; testid: string }) {
  const width = max > 0 ? (100 * value) / max : 0;
  return (
    <span class="ohl-bar">
      <span class="ohl-bar-fill" style={{ width: `${width}%` }} />
      <span class="ohl-bar-text" data-testid={testid}>{text}</span>
    </span>
  );
}

/** Twenty look-alike images: `nines` labelled 9, the rest 1. The best constant answer is the mean. */
function bestAnswers(nines: number) {
  const labels = Array.from({ length: LOOK_ALIKES }, (_, j) => (j < nines ? 9 : 1));
  const asNumbers = new Matrix(1, LOOK_ALIKES, Float32Array.from(labels));
  const meanNumber = scale(sum(asNumbers, 1), 1 / LOOK_ALIKES).get(0, 0);
  const meanOneHot = scale(sum(oneHot(labels), 1), 1 / LOOK_ALIKES); // (10, 1)
  return { meanNumber, meanOneHot, oneHotDigit: argmax(meanOneHot, 0)[0] };
}

function AveragingTwoClasses() {
  const [nines, setNines] = useState(10);
  const { meanNumber, meanOneHot, oneHotDigit } = useMemo(() => bestAnswers(nines), [nines]);
  const numberDigit = Math.round(meanNumber);
  return (
    <section class="ohl-part" aria-labelledby="ohl-avg-title">
      <h3 id="ohl-avg-title">2. The best answer for look-alike images</h3>
      <label class="ohl-slider">
        <span>Of {LOOK_ALIKES} images that look alike, <strong>{nines}</strong> are labelled 9 and <strong>{LOOK_ALIKES - nines}</strong> are labelled 1</span>
        <input type="range" min={0} max={LOOK_ALIKES} step={1} value={nines}
          onInput={(e) => setNines(Number(e.currentTarget.value))} data-testid="ohl-nines" />
      </label>
      <div class="ohl-avg" aria-live="polite">
        <div class="ohl-avg-box">
          <p class="ohl-avg-head">Number label: best single ŷ (the mean)</p>
          <p class="ohl-big" data-testid="ohl-mean-number">{fmt(meanNumber)}</p>
          <p>reads as the digit <strong data-testid="ohl-number-digit">{numberDigit}</strong>
            {numberDigit !== 1 && numberDigit !== 9 ? ': a class none of the images belongs to' : ''}</p>
        </div>
        <div class="ohl-avg-box">
          <p class="ohl-avg-head">One-hot label: best ŷ (the mean column, shape (10, 1))</p>
          <ol class="ohl-column" start={0}>
            {DIGITS.map((k) => (
              <li class={k === oneHotDigit ? 'ohl-max' : ''}>
                <span class="ohl-k">{k}</span>
                <Bar value={meanOneHot.get(k, 0)} max={1} text={fmt(meanOneHot.get(k, 0))} testid={`ohl-mean-onehot-${k}`} />
              </li>
            ))}
          </ol>
          <p>argmax reads <strong data-testid="ohl-onehot-digit">{oneHotDigit}</strong></p>
        </div>
      </div>
    </section>
  );
}

function parseLabels(text: string): number[] {
  return text.trim() === '' ? [] : text.trim().split(/[\s,]+/).map(Number);
}

function EncodeBatch() {
  const [text, setText] = useState('5 0 4 1 9');
  const result = useMemo(() => {
    try {
      const Y = oneHot(parseLabels(text));
      return { Y, back: fromOneHot(Y) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [text]);
  return (
    <section class="ohl-part" aria-labelledby="ohl-enc-title">
      <h3 id="ohl-enc-title">3. Encode a batch of labels</h3>
      <label class="ohl-inline">
        Labels (separated by spaces){' '}
        <input type="text" value={text} onInput={(e) => setText(e.currentTarget.value)} spellcheck={false}
          inputMode="numeric" data-testid="ohl-labels" />
      </label>
      <div aria-live="polite">
        {'error' in result ? (
          <p class="ohl-error" data-testid="ohl-encode-error">{result.error}</p>
        ) : (
          <>
            <p>
              <code>oneHot(labels)</code> has shape <strong data-testid="ohl-y-shape">({result.Y.rows}, {result.Y.cols})</strong>;
              {' '}<code>fromOneHot(Y)</code> gives back <strong data-testid="ohl-decoded">[{result.back.join(', ')}]</strong>
            </p>
            <div class="ohl-scroll" tabIndex={0} role="region" aria-label="The one-hot matrix Y">
              <table class="ohl-matrix" data-testid="ohl-y">
                <thead><tr><th scope="col">row</th>{result.back.map((_, j) => <th scope="col">ex {j}</th>)}</tr></thead>
                <tbody>
                  {DIGITS.map((k) => (
                    <tr><th scope="row">{k}</th>{result.back.map((_, j) => {
                      const v = result.Y.get(k, j);
                      return <td class={v === 1 ? 'ohl-one' : ''}>{v}</td>;
                    })}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function DecodePrediction() {
  const [scores, setScores] = useState(START_SCORES);
  const total = scores.reduce((a, b) => a + b, 0);
  const { P, digit } = useMemo(() => {
    const column = Matrix.fromColumn(scores);
    const t = sumAll(column);
    const P = t > 0 ? scale(column, 1 / t) : column; // scores → fractions that sum to 1
    return { P, digit: argmax(P, 0)[0] };
  }, [scores]);
  const setScore = (k: number, v: number) => setScores(scores.map((s, i) => (i === k ? v : s)));
  return (
    <section class="ohl-part" aria-labelledby="ohl-dec-title">
      <h3 id="ohl-dec-title">4. Decode a prediction with argmax</h3>
      <p class="ohl-note">Set a score for each digit; they are divided by their sum to give ŷ, shape (10, 1).</p>
      <ol class="ohl-scores" start={0}>
        {DIGITS.map((k) => (
          <li class={k === digit && total > 0 ? 'ohl-max' : ''}>
            <label>
              <span class="ohl-k">score for {k}</span>
              <input type="range" min={0} max={100} value={scores[k]} onInput={(e) => setScore(k, Number(e.currentTarget.value))}
                data-testid={`ohl-score-${k}`} />
            </label>
            <span class="ohl-p" data-testid={`ohl-p-${k}`}>{fmt(P.get(k, 0))}</span>
          </li>
        ))}
      </ol>
      <p aria-live="polite" class="ohl-result">
        {total > 0
          ? <>argmax(ŷ, 0) = <strong data-testid="ohl-argmax">{digit}</strong>, with ŷ<sub>{digit}</sub> = {fmt(P.get(digit, 0))}</>
          : 'All scores are 0: there is nothing to choose from.'}
      </p>
    </section>
  );
}

export default function OneHotLabels() {
  return (
    <div class="ohl">
      <CostOfWrongAnswers />
      <AveragingTwoClasses />
      <EncodeBatch />
      <DecodePrediction />
    </div>
  );
}
