import { describe, expect, it } from 'vitest';
import { changedInputs, staleNote } from '../../src/notebook/stale.ts';
import { compileCell } from '../../src/notebook/compile.ts';

// Three cells as a chapter has them: 0 loads, 1 defines W1 from it, 2 reads W1 only.
const cells = [
  "import { Matrix } from 'nn';\nconst X = new Matrix(784, 1);",
  'const W1 = new Matrix(16, 784);',
  "import { matmul } from 'nn';\nconst Z1 = matmul(W1, new Matrix(784, 1));\nZ1",
].map(compileCell);
const declaredOf = (i: number) => cells[i].declared;
const record = (i: number, versions: number[]) => ({ versions, used: cells[i].used, declared: cells[i].declared });

describe('stale cells', () => {
  it('a cell is stale when a cell it reads from changed after it ran, and only then', () => {
    const ran = record(2, [1, 1, 1]);
    expect(changedInputs(2, ran, [1, 1, 1], declaredOf)).toEqual([]);
    expect(changedInputs(2, ran, [1, 2, 1], declaredOf)).toEqual([1]); // W1's cell was edited or re-run
    expect(changedInputs(2, ran, [1, 1, 5], declaredOf)).toEqual([]); // its own changes do not count
  });

  it('a changed cell whose names it does not read leaves it fresh; a name it defines itself is its own', () => {
    // Cell 2 mentions Matrix, but imports nothing named Matrix: it reads Matrix from cell 0.
    expect(changedInputs(2, record(2, [1, 1, 1]), [2, 1, 1], declaredOf)).toEqual([0]);
    // Cell 1 reads Matrix from cell 0 too; cell 0 importing matmul would not matter to a cell defining it.
    const defines = compileCell("import { Matrix } from 'nn';\nconst W1 = new Matrix(16, 784);");
    expect(changedInputs(1, { versions: [1, 1, 1], used: defines.used, declared: defines.declared }, [2, 1, 1], declaredOf)).toEqual([]);
  });

  it('says which cells changed, counted from 1', () => {
    expect(staleNote([])).toBeNull();
    expect(staleNote([2])).toBe('stale: cell 3 has changed since');
    expect(staleNote([0, 1, 3])).toBe('stale: cells 1, 2 and 4 have changed since');
  });
});
