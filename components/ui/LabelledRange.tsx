// A range slider with a visible label and its current value, usable with the keyboard
// (arrows, Page Up/Down, Home/End come with <input type="range">).
import { useId } from 'preact/hooks';
import './LabelledRange.css';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onInput(value: number): void;
  /** How the value is written beside the slider; also its aria-valuetext. */
  format?: (value: number) => string;
  testid?: string;
}

export default function LabelledRange({ label, value, min, max, step, onInput, format = String, testid }: Props) {
  const id = useId();
  const text = format(value);
  return (
    <div class="lrange">
      <label for={id} class="lrange-label">{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        data-testid={testid}
        onInput={(e) => onInput(Number(e.currentTarget.value))}
      />
      <output for={id} class="lrange-value">{text}</output>
    </div>
  );
}
