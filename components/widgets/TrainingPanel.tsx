// Train a network on real MNIST in the browser. All training happens in a Worker
// (src/worker/training.worker.ts, around the engine's train()); this component only sends
// messages and draws what comes back, at most once per animation frame.
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { ActivationName, InitName, NetworkJSON, OptimizerName } from '../../src/engine';
import type { LoadProgress } from '../../src/data/mnist-browser';
import { TrainingClient } from '../../src/worker/client';
import type { FromWorker, RunConfig, RunSummary } from '../../src/worker/protocol';
import { currentModel, deleteModel, listModels, saveModel, setCurrentModel, watchModels } from '../../src/storage/model-store';
import { describeModel, exportModel, importModel, trainingRecipe, type SavedModel, type TrainingRecipe } from '../../src/storage/saved-model';
import { numpyScript } from '../../src/export/numpy-script';
import { CHAPTER_CNN_OPTIONS, describeLayers } from '../../src/models/chapter-cnn';
import LineChart from '../ui/LineChart';
import ProgressBar from '../ui/ProgressBar';
import { createRunRecorder, emptyRun, lossSeries, type RunView } from './training-run';
import { FIELD_RULES, farWorse, finalValAccuracy, readNumber, textsOf, type FieldTexts, type NumberKey } from './panel-fields';
import { describeOptions, optionTexts, readOptions, type OptionTexts } from './panel-options';
import PanelOptions from './PanelOptions';
import './TrainingPanel.css';

export interface TrainingPanelProps {
  /** Starting values of the controls, e.g. { trainSize: 500, epochs: 40 } to show overfitting. */
  defaults?: Partial<RunConfig>;
  /** Load all 60,000 training images at once instead of the 10,000-image subset. */
  full?: boolean;
  /** Save each finished network as the reader's current model (default true). Without saving, the
   * panel shows and exports its own last network, and says that it was not saved. */
  save?: boolean;
  /** Accessible name of the panel. */
  label?: string;
}

export const PANEL_DEFAULTS: RunConfig = {
  hidden: [64], activation: 'relu', init: 'he', learningRate: 0.1, batchSize: 32,
  epochs: 5, patience: 3, trainSize: 8000, seed: 1,
};

const ACTIVATIONS: ActivationName[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh'];
const INITS: { value: InitName; label: string }[] = [
  { value: 'he', label: 'He √(2/n_in)' },
  { value: 'xavier', label: 'Xavier √(1/n_in)' },
  { value: 'small', label: 'small (× 0.01)' },
  { value: 'randn', label: 'randn (× 1)' },
];

type DataState =
  | { status: 'loading'; full: boolean; progress: LoadProgress | null }
  | { status: 'loaded'; full: boolean; trainCount: number; valSize: number; fullError?: string }
  | { status: 'error'; full: boolean; message: string };

const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;
const num = (v: number) => v.toLocaleString('en-US');

export default function TrainingPanel({ defaults, full = false, save = true, label = 'Training panel' }: TrainingPanelProps) {
  const id = useId();
  const [config, setConfig] = useState<RunConfig>({ ...PANEL_DEFAULTS, ...defaults });
  // What the reader typed in each number field; read (and checked) by readNumber, never clamped.
  const [texts, setTexts] = useState<FieldTexts>(() => textsOf({ ...PANEL_DEFAULTS, ...defaults }));
  const [showTest, setShowTest] = useState(false);
  // A finished run far worse on validation than the saved model: kept here until the reader decides.
  const [held, setHeld] = useState<{ summary: RunSummary; valAccuracy: number; savedAccuracy: number } | null>(null);
  // With save = false: this panel's own last network (not stored).
  const [own, setOwn] = useState<SavedModel | null>(null);
  // Charts are rebuilt (fresh axes) for every run and on Reset.
  const [chartKey, setChartKey] = useState(0);
  const trainButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  // Whether keyboard focus was inside the panel when a button disabled itself under it.
  const focusInPanel = useRef(false);
  const running = useRef<RunConfig>(config);
  const [hiddenText, setHiddenText] = useState((defaults?.hidden ?? PANEL_DEFAULTS.hidden).join(', '));
  // Chapters 13 and 14's options: the optimiser chosen and what was typed in their fields (panel-options.ts).
  const [optimizer, setOptimizer] = useState<OptimizerName>(defaults?.optimizer?.name ?? 'sgd');
  const [optionText, setOptionText] = useState<OptionTexts>(() => optionTexts(defaults ?? {}));
  // Set once the saved model's settings have been put back into the fields (on the first load only).
  const restored = useRef(false);
  // The saved model whose settings were put back in the fields (the model box says so).
  const [restoredFrom, setRestoredFrom] = useState<SavedModel | null>(null);
  const [data, setData] = useState<DataState>({ status: 'loading', full, progress: null });
  const [run, setRun] = useState<RunView>(emptyRun());
  const [announcement, setAnnouncement] = useState('');
  const [model, setModel] = useState<SavedModel | null>(null);
  const [models, setModels] = useState<SavedModel[]>([]);
  const [modelError, setModelError] = useState('');
  const client = useRef<TrainingClient | null>(null);
  const recorder = useRef(createRunRecorder());
  const frame = useRef(0);
  const savedRef = useRef<SavedModel | null>(null);
  savedRef.current = model;

  const refreshModels = async () => {
    try {
      const current = await currentModel();
      if (save && !restored.current) restoreSettings(current);
      restored.current = true;
      setModel(current);
      setModels(await listModels());
    } catch (error) {
      setModelError(error instanceof Error ? error.message : String(error));
    }
  };

  /** The settings a saved model was trained with, back in the fields (all but how many images, which depends on what loaded). */
  const restoreSettings = (saved: SavedModel | null) => {
    const recipe = saved?.training;
    if (!recipe) return;
    const { trainSize: _keep, ...rest } = textsOf({ ...PANEL_DEFAULTS, ...recipe });
    setConfig((c) => ({ ...c, ...recipe }));
    setTexts((t) => ({ ...t, ...rest }));
    setHiddenText(recipe.hidden.join(', '));
    setOptimizer(recipe.optimizer?.name ?? 'sgd');
    setOptionText(optionTexts(recipe));
    setRestoredFrom(saved);
  };

  const store = async (summary: RunSummary) => {
    try {
      await saveModel(asSavedModel(summary, running.current));
      await refreshModels();
    } catch (error) {
      setModelError(`The network could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onFinished = async (summary: RunSummary) => {
    const last = summary.history[summary.history.length - 1];
    if (summary.aborted) {
      setAnnouncement(`Stopped${last ? ` after epoch ${last.epoch}` : ''}. The partly trained network was not saved.`);
      return;
    }
    const valAccuracy = finalValAccuracy(summary);
    const early = summary.stoppedEarly ? ` Stopped early; restored epoch ${summary.bestEpoch}.` : '';
    const val = valAccuracy === undefined ? '' : ` Validation accuracy ${pct(valAccuracy)}.`;
    if ('kind' in summary.model.config) {
      // Chapter 12's widgets read a dense network, so a convolutional one is shown, not saved
      return setAnnouncement(`Training finished.${val}${early} The convolutional network is not saved as your model.`);
    }
    setAnnouncement(`Training finished.${val}${early}`);
    if (!save) return setOwn(asSavedModel(summary, running.current));
    const saved = savedRef.current;
    if (saved && farWorse(valAccuracy, saved.valAccuracy)) {
      setHeld({ summary, valAccuracy: valAccuracy!, savedAccuracy: saved.valAccuracy! });
      setAnnouncement(`Training finished.${val} That is far below your saved model's ${pct(saved.valAccuracy!)}, so this run was not saved.`);
      return;
    }
    await store(summary);
  };

  const onMessage = (message: FromWorker) => {
    if (message.type === 'load-progress') return setData({ status: 'loading', full: data.full, progress: message.progress });
    // A failed "Load all 60,000" keeps the subset the worker still holds: say so and offer both ways on.
    if (message.type === 'load-error') {
      return setData((d) => (d.full && subset.current ? { ...subset.current, fullError: message.message } : { status: 'error', full: d.full, message: message.message }));
    }
    if (message.type === 'loaded') {
      const loaded = { status: 'loaded', full: data.full, trainCount: message.trainCount, valSize: message.valSize } as const;
      if (!loaded.full) subset.current = loaded;
      setData(loaded);
      const max = message.trainCount - message.valSize;
      // Only the starting value is fitted to what loaded; a number the reader typed is checked, not changed.
      setTexts((t) => (t.trainSize === String(config.trainSize) && config.trainSize > max ? { ...t, trainSize: String(max) } : t));
      setAnnouncement(`MNIST loaded: ${num(message.trainCount)} training images and ${num(message.testCount)} test images.`);
      return;
    }
    recorder.current.apply(message);
    if (message.type === 'epoch') {
      const r = message.record;
      const val = r.valAccuracy === undefined ? '' : `, validation accuracy ${pct(r.valAccuracy)}`;
      setAnnouncement(`Epoch ${r.epoch} of ${running.current.epochs}: training loss ${r.trainLoss.toFixed(3)}${val}.`);
    }
    if (message.type === 'done') void onFinished(message.summary);
    if (message.type === 'error') setAnnouncement(`Training stopped: ${message.message}`);
    if (!frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        setRun(recorder.current.view);
      });
    }
  };
  const handler = useRef(onMessage);
  handler.current = onMessage;

  const subset = useRef<Extract<DataState, { status: 'loaded' }> | null>(null);
  const load = (wantFull: boolean) => {
    setData({ status: 'loading', full: wantFull, progress: null });
    client.current?.send({ type: 'load', full: wantFull });
  };

  useEffect(() => {
    client.current = new TrainingClient((m) => handler.current(m));
    load(full);
    void refreshModels();
    const unwatch = watchModels(() => void refreshModels());
    return () => {
      unwatch();
      cancelAnimationFrame(frame.current);
      client.current?.terminate();
    };
  }, []);

  const cnn = config.network === 'cnn';
  const hiddenError = cnn ? undefined : parseHidden(hiddenText).error;
  const maxTrain = data.status === 'loaded' ? data.trainCount - data.valSize : 0;
  const rules = { ...FIELD_RULES, trainSize: { ...FIELD_RULES.trainSize, max: maxTrain || FIELD_RULES.trainSize.max } };
  const fields = Object.fromEntries((Object.keys(rules) as NumberKey[]).map((key) => [key, readNumber(texts[key], rules[key])])) as Record<NumberKey, ReturnType<typeof readNumber>>;
  const options = readOptions(optimizer, optionText);
  const badFields = [...(Object.keys(fields) as NumberKey[]).filter((key) => fields[key].error !== undefined), ...options.bad];
  const ready = data.status === 'loaded' && !hiddenError && badFields.length === 0;
  const idle = run.state === 'idle';

  // When Train or Stop disables itself under the keyboard focus, focus goes to the control that makes
  // sense next (Stop while running, Train when idle) instead of falling to the page, and says so.
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (!focusInPanel.current) return;
    if (!idle && (lost || active === trainButton.current)) {
      stopButton.current?.focus();
      setAnnouncement((a) => `${a} Focus is on Stop.`);
    } else if (idle && (lost || active === stopButton.current)) {
      trainButton.current?.focus();
      setAnnouncement((a) => `${a} Focus is back on Train.`);
    }
  }, [idle]);

  const start = (paused: boolean) => {
    recorder.current.reset();
    const hidden = parseHidden(hiddenText).sizes;
    const numbers = Object.fromEntries((Object.keys(fields) as NumberKey[]).map((key) => [key, fields[key].value!]));
    running.current = { ...config, ...numbers, hidden, ...options.options };
    client.current?.start(running.current, paused);
    setRun(recorder.current.view);
    setShowTest(false);
    setHeld(null);
    setChartKey((k) => k + 1);
    setAnnouncement(paused ? 'Paused before the first minibatch.' : 'Training started.');
  };
  const step = () => (idle ? (start(true), client.current?.send({ type: 'step' })) : client.current?.send({ type: 'step' }));
  const reset = () => {
    client.current?.reset();
    recorder.current.reset();
    setRun(recorder.current.view);
    setShowTest(false);
    setHeld(null);
    setChartKey((k) => k + 1);
    setAnnouncement('Reset. Train again with the same seed to get exactly the same run.');
  };

  const set = <K extends keyof RunConfig>(key: K, value: RunConfig[K]) => setConfig((c) => ({ ...c, [key]: value }));
  // Each network comes with the training that suits it: the convolutional one with chapter 16's (Adam, η = 0.001).
  const chooseNetwork = (network: 'dense' | 'cnn') => {
    const start = network === 'cnn' ? { ...CHAPTER_CNN_OPTIONS, network } : { ...PANEL_DEFAULTS, ...defaults, network };
    setConfig((c) => ({ ...c, network, optimizer: start.optimizer }));
    // the optimiser's own fields decide the run (readOptions), so they change with the network
    setOptimizer(start.optimizer?.name ?? 'sgd');
    setOptionText(optionTexts(start));
    setTexts((t) => ({ ...t, learningRate: String(start.learningRate), batchSize: String(start.batchSize), epochs: String(start.epochs) }));
  };
  // A text field, not type="number": a number field hides what was typed when it is not a number
  // (its value reads as ""), and the reader should see their own text next to what is wrong with it.
  const numberField = (key: NumberKey, text: string, hint?: string) => {
    const error = fields[key].error;
    const note = error ?? hint;
    return (
      <div class="tpanel-field">
        <label for={`${id}-${key}`}>{text}</label>
        <input
          id={`${id}-${key}`}
          type="text"
          inputMode={rules[key].integer ? 'numeric' : 'decimal'}
          value={texts[key]}
          aria-invalid={!!error}
          aria-describedby={note ? `${id}-${key}-hint` : undefined}
          onInput={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setTexts((t) => ({ ...t, [key]: value }));
          }}
        />
        {note ? <small id={`${id}-${key}-hint`} class={error ? 'tpanel-bad' : undefined} data-testid={error ? `${key}-error` : undefined}>{note}</small> : null}
      </div>
    );
  };

  const loss = useMemo(() => lossSeries(run), [run]);
  const accX = run.epochs.map((r) => r.epoch);
  const position = run.position;
  const totalExamples = running.current.epochs * Math.min(running.current.trainSize, maxTrain || running.current.trainSize);
  const fraction = position ? Math.min(1, position.seen / totalExamples) : 0;
  const secondsLeft = position && position.examplesPerSecond > 0 ? (totalExamples - position.seen) / position.examplesPerSecond : null;
  const summary = run.summary;

  return (
    <section
      class="widget tpanel"
      aria-label={label}
      data-testid="training-panel"
      onFocusIn={() => { focusInPanel.current = true; }}
      onFocusOut={(e) => {
        // A button that disables itself blurs with no next target: that still counts as inside.
        const next = (e as FocusEvent).relatedTarget as Node | null;
        if (next && !(e.currentTarget as HTMLElement).contains(next)) focusInPanel.current = false;
      }}
    >
      <div class="tpanel-data">
        {data.status === 'loading' && (
          <ProgressBar
            testid="mnist-progress"
            label={`Downloading MNIST (${data.full ? 'all 60,000' : '10,000'} training images + 10,000 test images)…`}
            fraction={data.progress && data.progress.total ? data.progress.fraction : null}
            detail={data.progress?.total ? `${(data.progress.loaded / 1e6).toFixed(1)} of ${(data.progress.total / 1e6).toFixed(1)} MB` : undefined}
          />
        )}
        {data.status === 'error' && (
          <div class="tpanel-error" role="alert">
            <p>{data.message}</p>
            <button type="button" onClick={() => load(data.full)}>Retry the download</button>
          </div>
        )}
        {data.status === 'loaded' && (
          <p class="tpanel-data-text" data-testid="mnist-loaded">
            MNIST loaded: {num(data.trainCount)} training images ({num(data.trainCount - data.valSize)} to learn from,
            the last {num(data.valSize)} held out for validation) and 10,000 test images.{' '}
            {!data.full && !data.fullError && (
              <button type="button" class="tpanel-link" disabled={!idle} onClick={() => load(true)}>
                Load all 60,000
              </button>
            )}
          </p>
        )}
        {data.status === 'loaded' && data.fullError && (
          <div class="tpanel-error" role="alert" data-testid="full-load-error">
            <p>{data.fullError} The {num(data.trainCount)} images already loaded are kept: Train works with them.</p>
            <button type="button" onClick={() => load(true)}>Retry all 60,000</button>{' '}
            <button type="button" onClick={() => setData({ ...data, fullError: undefined })}>Continue with {num(data.trainCount)}</button>
          </div>
        )}
      </div>

      <div class="tpanel-controls">
        <fieldset class="tpanel-group" disabled={!idle}>
          <legend>Network</legend>
          <div class="tpanel-field">
            <label for={`${id}-network`}>Architecture</label>
            <select id={`${id}-network`} value={config.network ?? 'dense'} aria-describedby={`${id}-network-hint`} onChange={(e) => chooseNetwork((e.target as HTMLSelectElement).value as 'dense' | 'cnn')}>
              <option value="dense">dense (hidden layers below)</option>
              <option value="cnn">convolutional (chapter 16)</option>
            </select>
            <small id={`${id}-network-hint`} data-testid="network-hint">{cnn ? `1×28×28 → ${describeLayers()}, ReLU, He; trained with Adam` : 'fully connected layers'}</small>
          </div>
          <div class="tpanel-field">
            <label for={`${id}-hidden`}>Hidden layer sizes</label>
            <input id={`${id}-hidden`} type="text" inputMode="numeric" value={hiddenText} disabled={cnn} aria-describedby={`${id}-hidden-hint`} aria-invalid={!!hiddenError}
              onInput={(e) => setHiddenText((e.target as HTMLInputElement).value)} />
            <small id={`${id}-hidden-hint`} class={hiddenError ? 'tpanel-bad' : undefined}>{hiddenError ?? `784 → ${hiddenText.split(',').map((s) => s.trim()).filter(Boolean).join(' → ')} → 10`}</small>
          </div>
          <label class="tpanel-field">
            <span>Activation g</span>
            <select value={config.activation} disabled={cnn} onChange={(e) => set('activation', (e.target as HTMLSelectElement).value as ActivationName)}>
              {ACTIVATIONS.map((a) => <option value={a}>{a}</option>)}
            </select>
          </label>
          <label class="tpanel-field">
            <span>Initialiser</span>
            <select value={config.init} disabled={cnn} onChange={(e) => set('init', (e.target as HTMLSelectElement).value as InitName)}>
              {INITS.map((i) => <option value={i.value}>{i.label}</option>)}
            </select>
          </label>
          {numberField('seed', 'Seed', 'same seed, same run')}
        </fieldset>
        <fieldset class="tpanel-group" disabled={!idle}>
          <legend>Training</legend>
          {numberField('learningRate', 'Learning rate η')}
          {numberField('batchSize', 'Batch size')}
          {numberField('epochs', 'Epochs')}
          {numberField('patience', 'Patience', '0 = no early stopping')}
          {numberField('trainSize', 'Training images', maxTrain ? `up to ${num(maxTrain)}` : undefined)}
        </fieldset>
        <PanelOptions optimizer={optimizer} texts={optionText} disabled={!idle} onOptimizer={setOptimizer}
          onText={(key, text) => setOptionText((t) => ({ ...t, [key]: text }))} />
      </div>

      <div class="tpanel-buttons">
        <button type="button" class="tpanel-primary" ref={trainButton} disabled={!ready || !idle} aria-describedby={badFields.length ? `${id}-fix` : undefined} onClick={() => start(false)}>Train</button>
        <button type="button" disabled={idle} onClick={() => client.current?.send({ type: run.state === 'paused' ? 'resume' : 'pause' })}>
          {run.state === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!ready || run.state === 'running'} onClick={step}>Step</button>
        <button type="button" ref={stopButton} disabled={idle} onClick={() => client.current?.send({ type: 'stop' })}>Stop</button>
        <button type="button" disabled={data.status !== 'loaded'} onClick={reset}>Reset</button>
      </div>
      {badFields.length > 0 && (
        <p class="tpanel-bad" id={`${id}-fix`} data-testid="fields-invalid">
          Train is off until {badFields.length === 1 ? 'the field marked above holds' : 'the fields marked above hold'} an acceptable number.
        </p>
      )}

      <ProgressBar
        testid="training-progress"
        label={position ? `Epoch ${position.epoch} of ${running.current.epochs}, batch ${num(position.batch)} of ${num(position.batches)}` : 'Not started'}
        fraction={summary ? 1 : fraction}
        detail={position ? `· ${num(Math.round(position.examplesPerSecond))} examples/s${secondsLeft !== null && !summary ? ` · about ${formatSeconds(secondsLeft)} left` : ''}` : undefined}
      />

      {run.error && (
        <div class="tpanel-error" role="alert" data-testid="training-error">
          <p><strong>Training stopped:</strong> {run.error.message}</p>
          {run.error.suggestion && <p>{run.error.suggestion}</p>}
        </div>
      )}

      <div class="tpanel-charts">
        <LineChart
          key={`loss-${chartKey}`}
          title="Loss"
          xLabel="epoch"
          x={loss.x}
          series={[
            { label: 'per batch (smoothed)', color: '--fg-soft', values: loss.batch },
            { label: 'training', color: '--accent', values: loss.train, points: true },
            { label: 'validation', color: '--bad', values: loss.val, points: true, dashed: true },
          ]}
        />
        <LineChart
          key={`accuracy-${chartKey}`}
          title="Accuracy"
          xLabel="epoch"
          x={accX}
          yRange={[0, 1]}
          integerX
          formatY={(v) => pct(v, 0)}
          series={[
            { label: 'training', color: '--accent', values: run.epochs.map((r) => r.trainAccuracy), points: true },
            { label: 'validation', color: '--bad', values: run.epochs.map((r) => r.valAccuracy ?? null), points: true, dashed: true },
          ]}
        />
      </div>

      {run.epochs.length > 0 && <EpochTable run={run} />}

      {summary && !summary.aborted && (
        <div class="tpanel-result" data-testid="run-result">
          <p>
            Validation accuracy: <strong data-testid="run-val-accuracy">{pct(finalValAccuracy(summary) ?? 0)}</strong> on the {num(summary.valSize)} validation
            images, {summary.stoppedEarly ? `at epoch ${summary.bestEpoch}, the one kept` : 'after the last epoch'}: compare runs by this number.
            Training took {summary.seconds.toFixed(1)} s <span data-testid="engine">({describeEngine(summary)})</span>.
            {summary.stoppedEarly && (
              <span data-testid="early-stop"> Early stopping: the validation loss had not improved for {running.current.patience} epochs, so training
                stopped after epoch {summary.history.length} and restored the parameters of epoch {summary.bestEpoch}.</span>
            )}
          </p>
          {summary.test && !showTest && (
            <p>
              <button type="button" data-testid="final-test-button" onClick={() => {
                setShowTest(true);
                setAnnouncement(`Final test accuracy ${pct(summary.test!.accuracy, 2)} on the 10,000 test images.`);
              }}>Run the final test</button>{' '}
              <small>Only when you have finished choosing: the test images are for one last measurement.</small>
            </p>
          )}
          {summary.test && showTest && (
            <p data-testid="test-result">
              Final test: <strong data-testid="test-accuracy">{pct(summary.test.accuracy, 2)}</strong> on the 10,000 test images. This is
              the estimate of how the network does on new digits; choosing anything more by it would make it optimistic.
            </p>
          )}
        </div>
      )}
      {held && (
        <div class="tpanel-error" role="alert" data-testid="not-saved-worse">
          <p>
            This run reached {pct(held.valAccuracy)} on validation, far below your saved model's {pct(held.savedAccuracy)}, so it
            was not saved: chapter 12 still reads with the saved one.
          </p>
          <button type="button" onClick={() => { const { summary: s } = held; setHeld(null); void store(s); }}>Save it anyway</button>
        </div>
      )}
      {summary?.aborted && <p class="tpanel-result" data-testid="stopped">Stopped. The partly trained network was not saved.</p>}

      {save
        ? <ModelBox model={model} models={models} restored={!!model && model.id === restoredFrom?.id} error={modelError} onError={setModelError} onChange={refreshModels} />
        : <OwnModelBox model={own} saved={model} />}

      <p class="tpanel-live" aria-live="polite" data-testid="training-announcement">{announcement}</p>
    </section>
  );
}

function EpochTable({ run }: { run: RunView }) {
  const best = run.summary?.bestEpoch;
  const wrap = useRef<HTMLDivElement>(null);
  // The table scrolls inside a box of fixed height; keep the newest epoch (the last row) in view,
  // whole, rather than the box ending half-way through a row the reader has to scroll to find.
  useEffect(() => {
    const el = wrap.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [run.epochs.length]);
  return (
    <div class="tpanel-table-wrap" ref={wrap} tabIndex={0} role="region" aria-label="Loss and accuracy per epoch">
      <table class="tpanel-table" data-testid="epoch-table">
        <caption>Per epoch</caption>
        <thead>
          <tr><th scope="col">epoch</th><th scope="col">training loss</th><th scope="col">validation loss</th><th scope="col">training accuracy</th><th scope="col">validation accuracy</th></tr>
        </thead>
        <tbody>
          {run.epochs.map((r) => (
            <tr class={r.epoch === best && run.summary?.stoppedEarly ? 'tpanel-best' : undefined}>
              <th scope="row">{r.epoch}</th>
              <td>{r.trainLoss.toFixed(4)}</td>
              <td>{r.valLoss?.toFixed(4) ?? '–'}</td>
              <td>{pct(r.trainAccuracy, 2)}</td>
              <td data-testid="val-accuracy">{r.valAccuracy === undefined ? '–' : pct(r.valAccuracy, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ModelBoxProps {
  model: SavedModel | null;
  /** Its training settings were put back in the fields when the page loaded. */
  restored: boolean;
  models: SavedModel[];
  error: string;
  onError(message: string): void;
  onChange(): Promise<void>;
}

function ModelBox({ model, models, restored, error, onError, onChange }: ModelBoxProps) {
  const id = useId();
  const name = model ? `mnist-${model.network.config.sizes.join('-')}` : '';
  const downloadJson = () => model && saveFile(`${name}.json`, exportModel(model), 'application/json');
  const downloadNumpy = async () => {
    if (!model) return;
    try {
      // The script prints its predictions for the first eight test images, to compare with this page's.
      const { loadMnist } = await import('../../src/data/mnist-browser');
      const { test } = await loadMnist();
      saveFile(`${name}.py`, numpyScript(model.network, test.dataset(0, 8).X), 'text/x-python');
    } catch (e) {
      onError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const remove = async () => {
    if (model?.id === undefined) return;
    try {
      await deleteModel(model.id);
      // The newest remaining model becomes current, so chapter 12 keeps a network of the reader's.
      const rest = models.filter((m) => m.id !== model.id).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      if (rest[0]?.id !== undefined) await setCurrentModel(rest[0].id);
      onError('');
      await onChange();
    } catch (e) {
      onError(`Delete failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await saveModel(importModel(await file.text()));
      onError('');
      await onChange();
    } catch (e) {
      onError(`Import failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div class="tpanel-model" data-testid="model-box">
      <p data-testid="current-model">
        {model
          ? <>
              Current saved model: <strong>{model.name}</strong>, saved {savedWhen(model)}. Chapter 12's widgets read with it.
              {model.training && <> Trained with <span data-testid="model-recipe">{describeRecipe(model.training)}</span>.</>}
              {restored && <span data-testid="settings-restored"> These settings are back in the fields above (all but the number of training images).</span>}
            </>
          : 'No saved model yet: a finished run is saved here and survives a reload.'}
      </p>
      <div class="tpanel-model-row">
        {models.length > 1 && (
          <label class="tpanel-field">
            <span>Use saved model</span>
            <select value={String(model?.id ?? '')} onChange={(e) => void setCurrentModel(Number((e.target as HTMLSelectElement).value)).then(onChange)}>
              {models.map((m) => <option value={String(m.id)}>{m.name} ({savedWhen(m)})</option>)}
            </select>
          </label>
        )}
        <button type="button" disabled={!model} onClick={() => void remove()} data-testid="delete-model">Delete this model</button>
        <button type="button" disabled={!model} onClick={downloadJson}>Export JSON</button>
        <button type="button" disabled={!model} onClick={() => void downloadNumpy()}>Export numpy script</button>
        <label class="tpanel-file" for={`${id}-import`}>Import JSON</label>
        <input id={`${id}-import`} class="tpanel-file-input" type="file" accept="application/json,.json"
          onChange={(e) => void upload((e.target as HTMLInputElement).files?.[0])} />
      </div>
      {error && <p class="tpanel-bad" role="alert">{error}</p>}
    </div>
  );
}

/** This panel's own last network when it does not save (chapter 11's overfitting panel). */
function OwnModelBox({ model, saved }: { model: SavedModel | null; saved: SavedModel | null }) {
  const name = model ? `mnist-${model.network.config.sizes.join('-')}-unsaved` : '';
  return (
    <div class="tpanel-model" data-testid="model-box">
      <p data-testid="own-model">
        {model
          ? <>This panel's network: <strong>{model.name}</strong>. This run was not saved: {saved ? `chapter 12 still reads with your saved model (${saved.name})` : 'chapter 12 reads with the bundled network until you save one with the panel above'}.</>
          : 'Runs in this panel are not saved; its last network can be exported here.'}
      </p>
      <div class="tpanel-model-row">
        <button type="button" disabled={!model} onClick={() => model && saveFile(`${name}.json`, exportModel(model), 'application/json')}>Export this network (JSON)</button>
      </div>
    </div>
  );
}

/** A run's (dense) network as a model: named and compared by its validation accuracy, with the settings it was trained with. */
function asSavedModel(summary: RunSummary, config: RunConfig): SavedModel {
  const valAccuracy = finalValAccuracy(summary);
  return {
    name: describeModel(summary.model as NetworkJSON, valAccuracy),
    savedAt: new Date().toISOString(),
    valAccuracy,
    trainedOn: { images: summary.trainSize, epochs: summary.history.length, bestEpoch: summary.bestEpoch },
    training: trainingRecipe(config),
    network: summary.model as NetworkJSON, // only dense networks are saved (see onFinished)
  };
}

/** The settings a model was trained with, in a phrase: "η = 0.001, batches of 32, 2 epochs, Adam, λ = 0.0001, keep 0.8". */
function describeRecipe(recipe: TrainingRecipe): string {
  const options = describeOptions(recipe);
  return `η = ${recipe.learningRate}, batches of ${recipe.batchSize}, ${recipe.epochs} epoch${recipe.epochs === 1 ? '' : 's'}, ${options || 'plain SGD'}`;
}

/** Date and time, so two models saved on different days are told apart. */
function savedWhen(model: SavedModel): string {
  return new Date(model.savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function saveFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function parseHidden(text: string): { sizes: number[]; error?: string } {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const sizes = parts.map(Number);
  if (parts.length === 0) return { sizes, error: 'At least one hidden layer, e.g. 64' };
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 1024)) return { sizes, error: 'Whole numbers from 1 to 1024, separated by commas' };
  return { sizes };
}

/** Which step trained the network, on how many threads, and why not the WebAssembly one when it could not. */
function describeEngine({ step }: RunSummary): string {
  const on = step.threads > 1 ? ` on ${step.threads} threads` : '';
  return step.reason ? `${step.name}${on}: ${step.reason}` : `${step.name}${on}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}
