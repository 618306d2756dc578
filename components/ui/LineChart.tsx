// A live line chart drawn by uPlot, whose script is loaded only when a chart first appears on screen
// (its 1 kB of CSS comes with LineChart.css: a lazily imported stylesheet was not emitted by the build).
// Colours are CSS custom properties, read again when the theme changes, so light and dark both work.
// The caller passes all series on one x axis (null where a series has no value at that x).
import { useEffect, useRef } from 'preact/hooks';
import type uPlotType from 'uplot';
import './LineChart.css';

export interface LineSeries {
  label: string;
  /** A CSS custom property such as '--accent'. */
  color: string;
  values: (number | null)[];
  dashed?: boolean;
  /** Draw a dot at each value (for per-epoch series with few points). */
  points?: boolean;
}

interface Props {
  title: string;
  xLabel: string;
  x: number[];
  series: LineSeries[];
  /** Fixed y range, e.g. [0, 1] for accuracy; otherwise it follows the data. */
  yRange?: [number, number];
  height?: number;
  formatY?: (v: number) => string;
  /** Ticks on whole numbers only (e.g. epochs). */
  integerX?: boolean;
}

type UPlot = typeof uPlotType;
let loading: Promise<UPlot> | null = null;
function loadUPlot(): Promise<UPlot> {
  loading ??= import('uplot').then((m) => m.default);
  return loading;
}

function cssVar(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || 'gray';
}

export default function LineChart({ title, xLabel, x, series, yRange, height = 200, formatY, integerX }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | null>(null);
  const latest = useRef({ x, series });
  latest.current = { x, series };
  const shape = series.map((s) => s.label).join('|');

  // (Re)build the plot when the series change or the theme flips.
  useEffect(() => {
    let cancelled = false;
    const el = box.current!;
    const build = async () => {
      const uPlot = await loadUPlot();
      if (cancelled) return;
      plot.current?.destroy();
      const fg = cssVar(el, '--fg-soft');
      const grid = cssVar(el, '--border');
      const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      plot.current = new uPlot(
        {
          width: el.clientWidth || 300,
          height,
          legend: { show: true, live: false },
          cursor: { show: false },
          scales: { x: { time: false }, y: yRange ? { range: yRange } : { auto: true } },
          axes: [
            { ...axis, label: xLabel, incrs: integerX ? [1, 2, 5, 10, 20, 50, 100] : undefined },
            { ...axis, size: 52, values: formatY ? (_u, ticks) => ticks.map(formatY) : undefined },
          ],
          series: [
            {},
            ...latest.current.series.map((s) => ({
              label: s.label,
              stroke: cssVar(el, s.color),
              width: 2,
              dash: s.dashed ? [6, 4] : undefined,
              spanGaps: true,
              points: { show: !!s.points, size: 6, fill: cssVar(el, s.color) },
            })),
          ],
        },
        toData(latest.current.x, latest.current.series),
        el,
      );
    };
    void build();
    const observer = new MutationObserver(() => void build());
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, height, yRange?.[0], yRange?.[1], integerX]);

  useEffect(() => {
    plot.current?.setData(toData(x, series));
  }, [x, series]);

  return (
    <figure class="linechart">
      <figcaption class="linechart-title">{title}</figcaption>
      <div ref={box} class="linechart-plot" style={{ minHeight: `${height + 40}px` }} role="img" aria-label={`${title}: chart of ${series.map((s) => s.label).join(', ')} against ${xLabel}`} />
    </figure>
  );
}

function toData(x: number[], series: LineSeries[]): uPlotType.AlignedData {
  return [x, ...series.map((s) => s.values)] as uPlotType.AlignedData;
}
