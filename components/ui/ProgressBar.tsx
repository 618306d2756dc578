// A labelled progress bar (the native <progress>, so screen readers know its value).
import { useId } from 'preact/hooks';
import './ProgressBar.css';

interface Props {
  label: string;
  /** 0 … 1, or null while the total is unknown (an indeterminate bar). */
  fraction: number | null;
  /** What the bar means right now, e.g. "2.1 MB of 3.2 MB". */
  detail?: string;
  testid?: string;
}

export default function ProgressBar({ label, fraction, detail, testid }: Props) {
  const id = useId();
  return (
    <div class="progressbar" data-testid={testid}>
      <label for={id} class="progressbar-label">
        {label}
        {detail ? <span class="progressbar-detail"> {detail}</span> : null}
      </label>
      <progress id={id} max={1} value={fraction ?? undefined} />
    </div>
  );
}
