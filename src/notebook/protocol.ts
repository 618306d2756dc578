// What the kernel worker and the page say to each other. Every value is plain data (structured-clone
// safe): the worker formats values before they leave it, so the page never needs the engine.

/** A whole matrix squeezed to at most HEAT_MAX cells a side, each value scaled to [0, 1] from lo to hi. */
export interface Heat {
  rows: number;
  cols: number;
  values: number[];
  lo: number;
  hi: number;
}

/**
 * A value made ready to display: text; a table (a Matrix or a 2-D array given to show()); or an array
 * printed as numpy prints it (a cell's last value), with its heat map and, for 784 numbers, a 28×28 image.
 */
export type Formatted =
  | { type: 'text'; text: string; image?: Uint8ClampedArray }
  | { type: 'array'; caption: string; text: string; heat: Heat; image?: Uint8ClampedArray }
  | { type: 'table'; caption: string; columns: string[]; rows: { label: string; cells: string[] }[]; shade?: number[][] };

export interface CheckCase {
  ok: boolean;
  /** The case's arguments, shortened for display. */
  args: string;
  /** On failure: the first difference, or what was thrown. */
  detail?: string;
}

export type OutputItem =
  | { kind: 'text'; text: string; stream: 'log' | 'warn' | 'error' | 'notice' }
  | { kind: 'value'; label?: string; value: Formatted; echo?: boolean }
  | { kind: 'image'; label?: string; width: number; height: number; pixels: Uint8ClampedArray }
  | { kind: 'plot'; series: { name: string; values: (number | null)[] }[]; x?: number[]; title?: string; xLabel?: string; yLabel?: string }
  | { kind: 'progress'; fraction: number; label?: string }
  | { kind: 'check'; name: string; passed: number; total: number; cases: CheckCase[]; hint?: string }
  | { kind: 'error'; error: CellError };

/** An error, located in the reader's code when the stack allows it. */
export interface CellError {
  name: string;
  message: string;
  /** The source text of the line that threw (filled in by the page, which has the code). */
  source?: string;
  /** The cell whose code threw (it may be another cell than the one that ran, if it defined the function). */
  cell?: number;
  line?: number;
  column?: number;
}

export interface RunRequest {
  type: 'run';
  runId: number;
  cell: number;
  code: string;
  declared: string[];
}

export type ToKernel = RunRequest;

export type FromKernel =
  /** `nnNames`: what `import … from 'nn'` offers, for the page's "did you mean" hints. */
  | { type: 'ready'; nnNames: string[] }
  | { type: 'output'; cell: number; items: OutputItem[] }
  | { type: 'done'; runId: number; cell: number; ok: boolean; error?: CellError; ms: number };
