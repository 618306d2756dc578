// A small histogram drawn as SVG bars, for counts computed by the engine
// (src/engine/diagnostics.ts histogram). Entries outside the range are drawn
// as separate end bars in the warning colour, so nothing is hidden.
// The SVG stretches to its box; axis labels belong to the surrounding widget.
import type { Histogram } from '../../src/engine';
import './HistogramSvg.css';

interface Props {
  hist: Histogram;
  /** Text for screen readers, e.g. "layer 3: standard deviation 0.81". */
  label: string;
}

const W = 240;
const H = 40;
const SIDE = 8; // room for the out-of-range bars

export default function HistogramSvg({ hist, label }: Props) {
  const { counts, below, above, total } = hist;
  const barW = (W - 2 * SIDE) / counts.length;
  const tallest = Math.max(1, ...counts, below, above);
  const h = (c: number) => (total === 0 ? 0 : ((H - 1) * c) / tallest);
  return (
    <svg class="histsvg" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line class="histsvg-axis" x1={SIDE} x2={W - SIDE} y1={H - 0.5} y2={H - 0.5} />
      {counts.map((c, k) => (
        <rect class="histsvg-bar" x={SIDE + k * barW} y={H - 1 - h(c)} width={Math.max(0.5, barW - 0.8)} height={h(c)} />
      ))}
      {below > 0 && <rect class="histsvg-out" x={0} y={H - 1 - h(below)} width={SIDE - 2} height={h(below)} />}
      {above > 0 && <rect class="histsvg-out" x={W - SIDE + 2} y={H - 1 - h(above)} width={SIDE - 2} height={h(above)} />}
    </svg>
  );
}
