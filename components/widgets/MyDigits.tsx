// Chapter 15: the reader's own test set. They draw a digit, say which digit they meant, and keep it;
// the drawings stay in this browser (src/storage/my-digits.ts, IndexedDB) across reloads until
// deleted. The network chapter 12's pad reads with (the reader's saved one, or the bundled one) reads
// them all as one X (784, n), and the score and every mistake come from src/data/personal-test.ts.
// A forward pass of a few dozen columns takes well under a millisecond: it runs on the main thread.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { tooSmallToRead, withArticle } from '../../src/data/digit-verdict';
import { scoreDigits, toPixels } from '../../src/data/personal-test';
import { watchModels } from '../../src/storage/model-store';
import { addDigit, deleteAllDigits, deleteDigit, listDigits, type StoredDigit } from '../../src/storage/my-digits';
import DigitThumb from '../ui/DigitThumb';
import { readingNetwork, type ReadingNetwork } from './reading-network';
import { useDrawingPad } from './use-drawing-pad';
import './DigitPad.css';
import './MyDigits.css';

const SIZE = 280;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** Fewer drawings than this make a score that one stroke can swing by ten points. */
export const ENOUGH = 10;

const percent = (p: number) => `${(100 * p).toFixed(1)}%`;

export default function MyDigits() {
  const labelGroup = useId();
  const [meant, setMeant] = useState(0);
  const [digits, setDigits] = useState<StoredDigit[] | null>(null);
  const [network, setNetwork] = useState<ReadingNetwork | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const { pad, handlers, clear, read } = useDrawingPad({ size: SIZE, onInk: () => setStatus('') });

  useEffect(() => {
    const load = () =>
      readingNetwork().then(setNetwork, (error: unknown) => setProblem(`No network could be loaded: ${error instanceof Error ? error.message : String(error)}`));
    void load();
    listDigits().then(setDigits, (error: unknown) => {
      setDigits([]);
      setProblem(error instanceof Error ? error.message : String(error));
    });
    return watchModels(() => void load());
  }, []);

  const score = useMemo(() => (network && digits ? scoreDigits(network.net, digits) : null), [network, digits]);

  const keep = async () => {
    const out = read();
    if (out.empty) return setStatus('The pad is empty: draw a digit first.');
    if (tooSmallToRead(out.box, SIZE, SIZE)) return setStatus('That mark is too small to read: draw the digit larger, filling most of the pad.');
    try {
      const stored = await addDigit({ label: meant, pixels: toPixels(out.x) });
      setDigits((list) => [...(list ?? []), stored]);
      clear();
      setStatus(`Kept ${withArticle(meant)}. Next, draw ${withArticle((meant + 1) % 10)}, or choose another digit.`);
      setMeant((meant + 1) % 10); // drawing 0, 1, 2, … in turn needs no extra click
    } catch (error) {
      setStatus(`Your drawing was not kept: ${error instanceof Error ? error.message : String(error)}`); // it is still on the pad
    }
  };

  const remove = async (digit: StoredDigit) => {
    try {
      await deleteDigit(digit.id);
      setDigits((list) => (list ?? []).filter((d) => d.id !== digit.id));
      setStatus(`Deleted a drawing of ${withArticle(digit.label)}.`);
    } catch (error) {
      setStatus(`Could not delete it: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const removeAll = async () => {
    try {
      await deleteAllDigits();
      setDigits([]);
      setStatus('Deleted all your drawings.');
    } catch (error) {
      setStatus(`Could not delete them: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const count = digits?.length ?? 0;
  const wrong = new Set(score?.mistakes.map((m) => m.index));

  return (
    <section class="widget mydigits" aria-label="Your own test set of drawn digits" data-testid="my-digits">
      <div class="mydigits-draw">
        <canvas
          ref={pad}
          width={SIZE}
          height={SIZE}
          class="digitpad-canvas"
          style={{ maxWidth: `${SIZE}px` }}
          role="img"
          aria-label="Drawing pad: draw a digit with a mouse, pen or finger"
          data-testid="digit-canvas"
          {...handlers}
        />
        <fieldset class="mydigits-meant">
          <legend id={labelGroup}>The digit you meant</legend>
          <div class="mydigits-labels" role="radiogroup" aria-labelledby={labelGroup}>
            {DIGITS.map((k) => (
              <label class={k === meant ? 'mydigits-label mydigits-chosen' : 'mydigits-label'}>
                <input type="radio" name={`${labelGroup}-meant`} value={k} checked={k === meant} onChange={() => setMeant(k)} />
                <span>{k}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="mydigits-buttons">
          <button type="button" class="digitpad-clear mydigits-keep" onClick={() => void keep()} disabled={digits === null}>
            Keep as {withArticle(meant)}
          </button>
          <button type="button" class="digitpad-clear" onClick={clear}>Clear</button>
        </div>
        <p class="mydigits-status" aria-live="polite" data-testid="my-digits-status">{status}</p>
      </div>

      <div class="mydigits-results">
        {problem && <p class="mydigits-problem" role="alert">{problem}</p>}
        {network && (
          <p class="digitpad-note" data-testid="my-digits-model" data-source={network.source}>
            Reading with {network.name}.{network.note && ` ${network.note}`}
          </p>
        )}
        <p class="mydigits-score" aria-live="polite" data-testid="my-digits-score">
          {count === 0
            ? `No drawings kept yet. Draw ${ENOUGH} or more, each with the digit you meant.`
            : score
              ? `The network reads ${score.correct} of your ${count} digits as you meant them: ${percent(score.accuracy)}.` +
                (count < ENOUGH ? ` Draw at least ${ENOUGH - count} more for a score one drawing cannot swing much.` : '')
              : `${count} drawings kept; loading the network…`}
        </p>
        {score && score.mistakes.length > 0 && (
          <>
            <h3 class="mydigits-heading">Its mistakes</h3>
            <ul class="mydigits-mistakes" data-testid="my-digits-mistakes">
              {score.mistakes.map((m) => (
                <li class="mydigits-mistake">
                  <DigitThumb pixels={digits![m.index].pixels} size={42} label={`Your drawing of ${withArticle(m.label)}`} />
                  <span>You meant {withArticle(m.label)}; it read {withArticle(m.read)} ({percent(m.probability)}).</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {count > 0 && (
          <>
            <h3 class="mydigits-heading">Your digits ({count})</h3>
            <ul class="mydigits-list" data-testid="my-digits-list">
              {digits!.map((d, j) => (
                <li class={wrong.has(j) ? 'mydigits-item mydigits-wrong' : 'mydigits-item'} data-label={d.label} data-read={score?.read[j]}>
                  <DigitThumb pixels={d.pixels} size={42} label={`Drawing of ${withArticle(d.label)}`} />
                  <span class="mydigits-caption">
                    {d.label}
                    {score && (wrong.has(j) ? ` → ${score.read[j]}` : ' ✓')}
                  </span>
                  <button type="button" class="mydigits-delete" onClick={() => void remove(d)} aria-label={`Delete drawing ${j + 1}, ${withArticle(d.label)}`}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" class="digitpad-clear" onClick={() => void removeAll()}>Delete all my drawings</button>
          </>
        )}
      </div>
    </section>
  );
}
