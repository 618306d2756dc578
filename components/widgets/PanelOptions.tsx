// The training panel's fieldset for chapters 13 and 14: which optimiser turns gradients into steps
// (with its β's, starting at the engine's defaults), L2 weight decay λ and dropout's keep probability.
// The values are read and checked in panel-options.ts; this component only shows the fields.
import { useId } from 'preact/hooks';
import type { OptimizerName } from '../../src/engine';
import { BETAS, OPTIMIZERS, USUAL_ETA, readOption, type OptionKey, type OptionTexts } from './panel-options';

interface Props {
  optimizer: OptimizerName;
  texts: OptionTexts;
  disabled: boolean;
  onOptimizer(name: OptimizerName): void;
  onText(key: OptionKey, text: string): void;
}

const LABELS: Record<OptionKey, string> = {
  beta: 'β',
  beta1: 'β1 (average of g)',
  beta2: 'β2 (average of g²)',
  weightDecay: 'Weight decay λ',
  dropout: 'Dropout keep p',
};

const HINTS: Partial<Record<OptionKey, string>> = {
  weightDecay: '0 = no decay',
  dropout: '1 = no dropout',
};

export default function PanelOptions({ optimizer, texts, disabled, onOptimizer, onText }: Props) {
  const id = useId();
  const field = (key: OptionKey) => {
    const error = readOption(key, texts[key]).error;
    const note = error ?? HINTS[key] ?? (key === 'beta' ? `averages about ${averaged(texts.beta)} steps` : undefined);
    return (
      <div class="tpanel-field">
        <label for={`${id}-${key}`}>{LABELS[key]}</label>
        <input id={`${id}-${key}`} type="text" inputMode="decimal" value={texts[key]} aria-invalid={!!error}
          aria-describedby={note ? `${id}-${key}-hint` : undefined}
          onInput={(e) => onText(key, (e.target as HTMLInputElement).value)} />
        {note ? <small id={`${id}-${key}-hint`} class={error ? 'tpanel-bad' : undefined} data-testid={error ? `${key}-error` : undefined}>{note}</small> : null}
      </div>
    );
  };
  return (
    <fieldset class="tpanel-group" disabled={disabled} data-testid="panel-options">
      <legend>Optimiser and regularisation</legend>
      <div class="tpanel-field">
        <label for={`${id}-optimizer`}>Optimiser</label>
        <select id={`${id}-optimizer`} value={optimizer} aria-describedby={`${id}-optimizer-hint`}
          onChange={(e) => onOptimizer((e.target as HTMLSelectElement).value as OptimizerName)}>
          {OPTIMIZERS.map((o) => <option value={o.value}>{o.label}</option>)}
        </select>
        <small id={`${id}-optimizer-hint`}>usually η ≈ {USUAL_ETA[optimizer]}</small>
      </div>
      {BETAS[optimizer].map(field)}
      {field('weightDecay')}
      {field('dropout')}
    </fieldset>
  );
}

/** Momentum's and RMSProp's β average over about 1/(1 − β) steps (chapter 13). */
function averaged(text: string): string {
  const beta = Number(text);
  return beta >= 0 && beta < 1 ? String(Math.round(1 / (1 - beta))) : '1/(1 − β)';
}
