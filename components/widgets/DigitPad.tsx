// Draw a digit and watch a network read it. The drawing is prepared as MNIST was
// (src/data/preprocess.ts), then the reader's current saved model (src/storage/model-store.ts), or the
// bundled network until there is one (reading-network.ts), computes A2 = softmax(Z2) through the engine
// and the engine's argmax picks the digit. A 784-h-10 forward pass of one column costs well
// under a millisecond, so it runs on the main thread, at most once per animation frame.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { MLP, Matrix, argmax } from '../../src/engine';
import { tooSmallToRead, verdictFor } from '../../src/data/digit-verdict';
import { watchModels } from '../../src/storage/model-store';
import { readingNetwork, type ReadingNetwork } from './reading-network';
import { useDrawingPad } from './use-drawing-pad';
import './DigitPad.css';

export interface DigitPadProps {
  /** Drawing canvas size in canvas pixels (it scales down to fit narrow screens). */
  size?: number;
  /** Pen width in canvas pixels. */
  pen?: number;
}

type Reading = { kind: 'empty' } | { kind: 'too-small' } | { kind: 'probabilities'; p: number[]; digit: number; input: Float32Array };

export default function DigitPad({ size = 280, pen }: DigitPadProps) {
  const inputLabel = useId();
  const preview = useRef<HTMLCanvasElement>(null);
  const net = useRef<MLP | null>(null);
  const [model, setModel] = useState<ReadingNetwork | null | 'loading'>('loading');
  const [reading, setReading] = useState<Reading>({ kind: 'empty' });
  const [modelError, setModelError] = useState('');
  const frame = useRef(0);
  const { pad, handlers, clear, read: readDrawing } = useDrawingPad({ size, pen, onInk: () => schedule() });

  const read = () => {
    frame.current = 0;
    const canvas = pad.current!;
    const out = readDrawing();
    if (out.empty) {
      drawPreview(preview.current!, null);
      return setReading({ kind: 'empty' });
    }
    drawPreview(preview.current!, out.x);
    // Preprocessing blows any speck up to full size; the network's confident answer about it means nothing.
    if (tooSmallToRead(out.box, canvas.width, canvas.height)) return setReading({ kind: 'too-small' });
    // X is (784, 1): the drawing as one column, like one MNIST example.
    const X = Matrix.fromColumn(Array.from(out.x));
    if (!net.current) return setReading({ kind: 'empty' });
    const A2 = net.current.forward(X); // (10, 1)
    setReading({ kind: 'probabilities', p: Array.from(A2.data), digit: argmax(A2, 0)[0], input: out.x });
  };
  const schedule = () => {
    if (!frame.current) frame.current = requestAnimationFrame(read);
  };

  useEffect(() => {
    const load = async () => {
      try {
        const network = await readingNetwork();
        net.current = network.net;
        setModel(network);
        setModelError('');
        schedule();
      } catch (error) {
        setModel(null);
        setModelError(error instanceof Error ? error.message : String(error));
      }
    };
    void load();
    const unwatch = watchModels(() => void load());
    return () => {
      unwatch();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  const probabilities = reading.kind === 'probabilities' ? reading.p : null;
  const best = reading.kind === 'probabilities' ? reading.digit : -1;
  const verdict = probabilities
    ? verdictFor(probabilities, best)
    : reading.kind === 'empty'
      ? 'The pad is empty: draw a digit from 0 to 9.'
      : reading.kind === 'too-small'
        ? 'That mark is too small to read: draw the digit larger, filling most of the pad.'
        : '';

  return (
    <section class="widget digitpad" aria-label="Draw a digit for the network to read" data-testid="digit-pad">
      <div class="digitpad-draw">
        <canvas
          ref={pad}
          width={size}
          height={size}
          class="digitpad-canvas"
          style={{ maxWidth: `${size}px` }}
          role="img"
          aria-label="Drawing pad: draw a digit with a mouse, pen or finger"
          data-testid="digit-canvas"
          {...handlers}
        />
        {/* Right under the pad, so on a phone the drawing hand sees the answer without scrolling. */}
        <p class="digitpad-verdict" aria-live="polite" data-testid="verdict">{model === null ? '' : verdict}</p>
        <button type="button" class="digitpad-clear" onClick={clear}>Clear</button>
      </div>
      <div class="digitpad-input">
        <p class="digitpad-heading" id={inputLabel}>What the network sees (28×28)</p>
        <canvas ref={preview} width={28} height={28} class="digitpad-preview" role="img" aria-labelledby={inputLabel} />
      </div>
      <div class="digitpad-output">
        <p class="digitpad-heading">Probabilities A2</p>
        {model === null && (
          <p class="digitpad-note" data-testid="no-model" role="alert">No network could be loaded: {modelError}</p>
        )}
        {model && model !== 'loading' && (
          <p class="digitpad-note" data-testid="pad-model" data-source={model.source}>Reading with {model.name}.{model.note && ` ${model.note}`}</p>
        )}
        <ol class="digitpad-bars" data-testid="probabilities" aria-label="Probability of each digit">
          {Array.from({ length: 10 }, (_, k) => {
            const p = probabilities?.[k] ?? 0;
            return (
              <li class={k === best ? 'digitpad-bar digitpad-best' : 'digitpad-bar'} data-probability={probabilities ? p : undefined}>
                <span class="digitpad-digit">{k}</span>
                <span class="digitpad-track"><span class="digitpad-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} /></span>
                <span class="digitpad-value">{probabilities ? `${(p * 100).toFixed(1)}%` : '–'}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}

/** The 28×28 input as gray pixels, light ink on dark as MNIST stores it. */
function drawPreview(canvas: HTMLCanvasElement, x: Float32Array | null): void {
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = Math.round((x?.[p] ?? 0) * 255);
    image.data.set([v, v, v, 255], 4 * p);
  }
  ctx.putImageData(image, 0, 0);
}
