// A box as tall as the tallest of several contents, showing one of them. Widgets whose text or figure
// changes with a control wrap it in this, so switching never moves what follows on the page (no
// layout shift), at any width and with any font. The other contents are laid out in the same grid
// cell, invisible and hidden from assistive technology: they only take up room.
import type { ComponentChildren } from 'preact';
import './SteadyHeight.css';

interface Props {
  /** Every content this box may show; the tallest sets the height. */
  reserve: ComponentChildren[];
  /** The content shown now. */
  children: ComponentChildren;
}

export default function SteadyHeight({ reserve, children }: Props) {
  return (
    <div class="steady">
      {reserve.map((content) => <div class="steady-reserve" aria-hidden="true">{content}</div>)}
      <div class="steady-shown">{children}</div>
    </div>
  );
}
