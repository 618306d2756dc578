// A small matrix drawn as a table of its values, with its name and shape above it.
// The exact float values ride along in data-values (JSON, row by row) so tests can
// check what the page shows against an independent computation.
import type { Matrix } from '../../src/engine';
import { formatShape } from '../../src/engine';
import './MatrixValues.css';

interface Props {
  /** How the chapter writes it, e.g. "dW₂". */
  label: string;
  M: Matrix;
  /** A stable id for tests, e.g. "dW2". */
  id?: string;
  digits?: number;
  /** Marks the matrix just computed (result) or read from the cache. */
  tone?: 'result' | 'cache' | 'plain';
}

function formatValue(v: number, digits: number): string {
  const s = v.toFixed(digits);
  // "-0.000" reads as a sign error; show it as 0.
  return Number(s) === 0 ? (0).toFixed(digits) : s.replace('-', '−');
}

export default function MatrixValues({ label, M, id, digits = 3, tone = 'plain' }: Props) {
  const rows = M.toArray();
  return (
    <figure class={`matrixvalues matrixvalues-${tone}`} data-testid={id ? `matrix-${id}` : undefined} data-values={JSON.stringify(rows)}>
      <figcaption>
        <span class="matrixvalues-name">{label}</span> <span class="matrixvalues-shape">{formatShape(M.shape)}</span>
      </figcaption>
      <table>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => <td key={j}>{formatValue(v, digits)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
