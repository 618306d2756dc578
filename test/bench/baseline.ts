// The baseline: the same forward/backward/SGD step written the plainest way,
// with nested number[][] arrays and textbook triple loops (C[i][j] = Σ_k A[i][k]·B[k][j]).
// Only for the benchmark; the engine never uses this.

type Grid = number[][];

function zeros(rows: number, cols: number): Grid {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

function transpose(A: Grid): Grid {
  const T = zeros(A[0].length, A.length);
  for (let i = 0; i < A.length; i++) for (let j = 0; j < A[0].length; j++) T[j][i] = A[i][j];
  return T;
}

function matmul(A: Grid, B: Grid): Grid {
  const n = A.length, k = B.length, m = B[0].length;
  const C = zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
      C[i][j] = s;
    }
  }
  return C;
}

export interface PlainNet {
  W1: Grid;
  b1: number[];
  W2: Grid;
  b2: number[];
}

/** One minibatch step on X (784, m) and one-hot Y (10, m): ReLU hidden layer, softmax output. */
export function plainStep(net: PlainNet, X: Grid, Y: Grid, learningRate: number): void {
  const m = X[0].length;
  const Z1 = matmul(net.W1, X);
  const A1 = Z1.map((row, i) => row.map((z) => Math.max(0, z + net.b1[i])));
  const Z2 = matmul(net.W2, A1).map((row, i) => row.map((z) => z + net.b2[i]));
  const A2 = zeros(10, m);
  for (let j = 0; j < m; j++) {
    let max = -Infinity, total = 0;
    for (let i = 0; i < 10; i++) max = Math.max(max, Z2[i][j]);
    for (let i = 0; i < 10; i++) total += Math.exp(Z2[i][j] - max);
    for (let i = 0; i < 10; i++) A2[i][j] = Math.exp(Z2[i][j] - max) / total;
  }
  const dZ2 = A2.map((row, i) => row.map((a, j) => (a - Y[i][j]) / m));
  const dW2 = matmul(dZ2, transpose(A1));
  const db2 = dZ2.map((row) => row.reduce((s, v) => s + v, 0));
  const dA1 = matmul(transpose(net.W2), dZ2);
  const dZ1 = dA1.map((row, i) => row.map((d, j) => (A1[i][j] > 0 ? d : 0)));
  const dW1 = matmul(dZ1, transpose(X));
  const db1 = dZ1.map((row) => row.reduce((s, v) => s + v, 0));
  for (let i = 0; i < net.W1.length; i++) {
    for (let k = 0; k < net.W1[0].length; k++) net.W1[i][k] -= learningRate * dW1[i][k];
    net.b1[i] -= learningRate * db1[i];
  }
  for (let i = 0; i < 10; i++) {
    for (let k = 0; k < net.W2[0].length; k++) net.W2[i][k] -= learningRate * dW2[i][k];
    net.b2[i] -= learningRate * db2[i];
  }
}
