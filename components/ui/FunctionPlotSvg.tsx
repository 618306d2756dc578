// A plot of y = f(x) drawn as SVG from points the caller computed (with the engine),
// with an optional marker at one x. Dragging or clicking on the plot reports the x
// under the pointer through onPick; keyboard users get a slider from the widget.
import type { JSX } from 'preact';
import './FunctionPlotSvg.css';

export interface Curve {
  points: [number, number][];
  /** Extra class for colour/dash, e.g. 'fplot-curve-soft'. */
  className?: string;
}

interface Props {
  label: string;
  x: [number, number];
  y: [number, number];
  yTicks: number[];
  curves: Curve[];
  marker?: { x: number; y: number };
  onPick?: (x: number) => void;
}

const W = 320;
const H = 200;
const PAD = { left: 30, right: 8, top: 8, bottom: 20 };

export default function FunctionPlotSvg({ label, x, y, yTicks, curves, marker, onPick }: Props) {
  const sx = (v: number) => PAD.left + ((v - x[0]) / (x[1] - x[0])) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - y[0]) / (y[1] - y[0])) * (H - PAD.top - PAD.bottom);
  const clampY = (v: number) => Math.max(y[0] - 1, Math.min(y[1] + 1, v)); // keep off-chart lines finite
  const path = (pts: [number, number][]) => pts.map(([px, py], k) => `${k ? 'L' : 'M'}${sx(px).toFixed(1)},${sy(clampY(py)).toFixed(1)}`).join('');
  const xTicks: number[] = [];
  for (let v = Math.ceil(x[0]); v <= x[1]; v++) xTicks.push(v);

  const pick = (e: JSX.TargetedPointerEvent<SVGSVGElement>) => {
    if (!onPick || (e.type === 'pointermove' && e.buttons === 0)) return;
    const box = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    const v = x[0] + ((px - PAD.left) / (W - PAD.left - PAD.right)) * (x[1] - x[0]);
    onPick(Math.max(x[0], Math.min(x[1], v)));
  };

  return (
    <svg class="fplot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} onPointerDown={pick} onPointerMove={pick}>
      <defs>
        <clipPath id={`fplot-clip-${label.replace(/\W+/g, '')}`}>
          <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} />
        </clipPath>
      </defs>
      {xTicks.map((v) => <line class={v === 0 ? 'fplot-axis' : 'fplot-grid'} x1={sx(v)} x2={sx(v)} y1={PAD.top} y2={H - PAD.bottom} />)}
      {yTicks.map((v) => <line class={v === 0 ? 'fplot-axis' : 'fplot-grid'} x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} />)}
      {xTicks.filter((v) => v % 2 === 0).map((v) => <text class="fplot-tick" x={sx(v)} y={H - 5} text-anchor="middle">{v}</text>)}
      {yTicks.map((v) => <text class="fplot-tick" x={PAD.left - 4} y={sy(v) + 3} text-anchor="end">{v}</text>)}
      <g clip-path={`url(#fplot-clip-${label.replace(/\W+/g, '')})`}>
        {curves.map((c) => <path class={`fplot-curve ${c.className ?? ''}`} d={path(c.points)} />)}
        {marker && (
          <>
            <line class="fplot-marker-line" x1={sx(marker.x)} x2={sx(marker.x)} y1={PAD.top} y2={H - PAD.bottom} />
            <circle class="fplot-marker" cx={sx(marker.x)} cy={sy(clampY(marker.y))} r={4.5} />
          </>
        )}
      </g>
    </svg>
  );
}
