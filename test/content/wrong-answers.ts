// The plausible wrong answers of every exercise, written as the one edit a student might make to the
// solution: `replace` must occur exactly once in the solution cell, and the solution with it replaced by
// `by` must fail its check. Think of what a learner actually types: off-by-one, the wrong axis, the
// transpose, a missing 1/m, a rule that is right only on the easy cases.
export interface WrongAnswer {
  /** The mistake, in a learner's terms. */
  mistake: string;
  replace: string;
  by: string;
}

export const WRONG_ANSWERS: Record<string, WrongAnswer[]> = {
  'ch01-flatten': [
    { mistake: 'reads column by column (transposed)', replace: 'x.push(grid[r][c])', by: 'x.push(grid[c][r])' },
    { mistake: 'stops one column short', replace: 'for (let c = 0; c < 28; c++)', by: 'for (let c = 0; c < 27; c++)' },
  ],
  'ch01-gray-from-rgba': [
    { mistake: 'adds R + G + B + A (right for black ink only)', replace: 'gray.push(rgba[4 * p + 3])', by: 'gray.push(Math.min(255, rgba[4 * p] + rgba[4 * p + 1] + rgba[4 * p + 2] + rgba[4 * p + 3]))' },
    { mistake: 'takes the largest channel (right for black ink only)', replace: 'gray.push(rgba[4 * p + 3])', by: 'gray.push(Math.max(rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2], rgba[4 * p + 3]))' },
    { mistake: 'inverts the luminance, as for dark ink on white paper', replace: 'gray.push(rgba[4 * p + 3])', by: 'gray.push(255 - Math.round(0.299 * rgba[4 * p] + 0.587 * rgba[4 * p + 1] + 0.114 * rgba[4 * p + 2]))' },
  ],
  'ch01-standardise': [
    { mistake: 'forgets to divide by 255', replace: '(X.data[p] / 255 - MU) / SIGMA', by: '(X.data[p] - MU) / SIGMA' },
    { mistake: 'multiplies by σ instead of dividing', replace: '(X.data[p] / 255 - MU) / SIGMA', by: '(X.data[p] / 255 - MU) * SIGMA' },
  ],
  'ch02-one-hot': [
    { mistake: 'transposed: one row per example, (m, 10)', replace: 'const Y = Matrix.zeros(10, m);', by: 'const Y = Matrix.zeros(m, 10); for (let j = 0; j < m; j++) Y.set(j, labels[j], 1); return Y;' },
    { mistake: 'puts every 1 in column 0 (right for one example only)', replace: 'Y.set(labels[j], j, 1)', by: 'Y.set(labels[j], 0, 1)' },
  ],
  'ch02-argmax': [
    { mistake: '>= keeps the last of equal entries', replace: 'Yhat.get(k, j) > Yhat.get(best, j)', by: 'Yhat.get(k, j) >= Yhat.get(best, j)' },
    { mistake: 'searches along each row (wrong axis)', replace: 'const out: number[] = [];', by: 'return argmax(Yhat, 1);' },
    { mistake: 'never looks at row 0', replace: 'let best = 0;\n    for (let k = 1;', by: 'let best = 1;\n    for (let k = 2;' },
  ],
  'ch03-row-major': [
    { mistake: 'steps by the number of rows (right for square matrices only)', replace: 'out.push(X.data[i * X.cols + j])', by: 'out.push(X.data[i * X.rows + j])' },
    { mistake: 'swaps i and j (reads a row instead)', replace: 'out.push(X.data[i * X.cols + j])', by: 'out.push(X.data[j * X.cols + i])' },
  ],
  'ch03-flat-matmul': [
    { mistake: 'row p of B starts at p·k', replace: 'B.data[p * m + j]', by: 'B.data[p * k + j]' },
    { mistake: 'overwrites instead of accumulating (right when k = 1)', replace: 'C.data[i * m + j] += ', by: 'C.data[i * m + j] = ' },
    { mistake: 'row i of A starts at i·m', replace: 'A.data[i * k + p]', by: 'A.data[i * m + p]' },
  ],
  'ch04-param-count': [
    { mistake: 'forgets the biases', replace: 'sizes[l + 1] * sizes[l] + sizes[l + 1]', by: 'sizes[l + 1] * sizes[l]' },
    { mistake: 'counts one bias per input instead of per unit', replace: 'sizes[l + 1] * sizes[l] + sizes[l + 1]', by: 'sizes[l + 1] * sizes[l] + sizes[l]' },
    { mistake: 'stops one layer early', replace: 'l + 1 < sizes.length', by: 'l + 2 < sizes.length' },
  ],
  'ch04-he-init': [
    { mistake: 'LeCun scale √(1/n_in)', replace: 'Math.sqrt(2 / nIn)', by: 'Math.sqrt(1 / nIn)' },
    { mistake: 'scales by the variance 2/n_in instead of its square root', replace: 'Math.sqrt(2 / nIn)', by: '2 / nIn' },
    { mistake: 'uses n_out (right when n_out = n_in)', replace: 'Math.sqrt(2 / nIn)', by: 'Math.sqrt(2 / nOut)' },
  ],
  'ch05-broadcast-shape': [
    { mistake: 'only the second operand may stretch', replace: "else if (a[d] === 1) out[d] = b[d];", by: '' },
    { mistake: 'takes the larger size instead of raising an error', replace: "else return 'error';", by: 'else out[d] = Math.max(a[d], b[d]);' },
  ],
  'ch05-bias-gradient': [
    { mistake: 'sums over the units (axis 0) instead of the examples', replace: 'return scale(sum(dZ, 1, true), 1 / m)', by: 'return scale(sum(dZ, 0, true), 1 / m)' },
    { mistake: 'forgets the 1/m', replace: 'return scale(sum(dZ, 1, true), 1 / m)', by: 'return sum(dZ, 1, true)' },
  ],
  'ch06-sigmoid-derivative': [
    { mistake: 'z(1 − z) instead of a(1 − a)', replace: 'return a * (1 - a);', by: 'return z * (1 - z);' },
    { mistake: 'returns σ(z) itself', replace: 'return a * (1 - a);', by: 'return a;' },
  ],
  'ch06-collapse': [
    { mistake: 'forgets that b1 passes through W2', replace: 'return add(matmul(W2, b1), b2);', by: 'return b2;' },
    { mistake: 'adds the two biases, as if no weight stood between them', replace: 'return add(matmul(W2, b1), b2);', by: 'return add(b1, b2);' },
  ],
  'ch07-stable-softmax': [
    { mistake: 'subtracts the smallest logit', replace: 'const zMax = Math.max(...z);', by: 'const zMax = Math.min(...z);' },
    { mistake: 'subtracts the first logit', replace: 'const zMax = Math.max(...z);', by: 'const zMax = z[0];' },
    { mistake: 'subtracts the mean logit', replace: 'const zMax = Math.max(...z);', by: 'const zMax = z.reduce((a, b) => a + b, 0) / z.length;' },
  ],
  'ch07-two-classes': [
    { mistake: 'forgets the other logit: σ(z1)', replace: 'scalar.sigmoid.f(z1 - z2)', by: 'scalar.sigmoid.f(z1)' },
    { mistake: 'subtracts the wrong way round: σ(z2 − z1)', replace: 'scalar.sigmoid.f(z1 - z2)', by: 'scalar.sigmoid.f(z2 - z1)' },
  ],
  'ch08-descent-loop': [
    { mistake: 'steps along the gradient (uphill)', replace: 'w - eta * loss.df(w)', by: 'w + eta * loss.df(w)' },
    { mistake: 'takes one step too many', replace: 't < steps; t++) w = w - eta', by: 't <= steps; t++) w = w - eta' },
  ],
  'ch08-batch-gradient': [
    { mistake: 'forgets the 1/m', replace: 'return total / m;', by: 'return total;' },
    { mistake: 'forgets the factor x_j of the chain rule', replace: '(w * xs[j] - ys[j]) * xs[j]', by: '(w * xs[j] - ys[j])' },
    { mistake: 'divides by m − 1', replace: 'return total / m;', by: 'return total / (m - 1);' },
  ],
  'ch09-dz2': [
    { mistake: 'forgets the 1/m', replace: 'scale(sub(A2, Y), 1 / Z2.cols)', by: 'sub(A2, Y)' },
    { mistake: 'divides by the number of classes (rows) instead of examples', replace: '1 / Z2.cols', by: '1 / Z2.rows' },
    { mistake: 'Y − A2: the sign flipped', replace: 'sub(A2, Y)', by: 'sub(Y, A2)' },
  ],
  'ch09-binary-ce': [
    { mistake: 'keeps only the "yes" term (right when y = 1)', replace: '-(y * Math.log(a) + (1 - y) * Math.log(1 - a))', by: '-(y * Math.log(a))' },
    { mistake: 'forgets the minus sign', replace: '-(y * Math.log(a) + (1 - y) * Math.log(1 - a))', by: '(y * Math.log(a) + (1 - y) * Math.log(1 - a))' },
  ],
  'ch10-bias-gradient': [
    { mistake: 'leaves out the last example', replace: 'j < dZ.cols', by: 'j < dZ.cols - 1' },
    { mistake: 'divides by m again (dZ already carries the 1/m)', replace: 'db.data[i] += dZ.get(i, j)', by: 'db.data[i] += dZ.get(i, j) / dZ.cols' },
  ],
  'ch10-hidden-gradient': [
    { mistake: 'forgets the σ′ factor', replace: 'mul(dA1, mul(A1, map(A1, (a) => 1 - a)))', by: 'dA1' },
    { mistake: 'transposed: Xᵀ·dZ1ᵀ, shape (n, h)', replace: 'return matmulTransB(dZ1, X)', by: 'return matmulTransB(X, dZ1)' },
    { mistake: 'σ′ as 1 − a, forgetting the factor a', replace: 'mul(A1, map(A1, (a) => 1 - a))', by: 'map(A1, (a) => 1 - a)' },
  ],
  'ch11-early-stopping': [
    { mistake: 'returns the last epoch instead of the best', replace: 'if (e - best >= patience) return [best, e];', by: 'if (e - best >= patience) return [e, e];' },
    { mistake: 'waits one epoch too long', replace: 'e - best >= patience', by: 'e - best > patience' },
  ],
  'ch11-train-step': [
    { mistake: 'steps along the gradient', replace: 'W[p] -= eta * dW[p]', by: 'W[p] += eta * dW[p]' },
    { mistake: 'forgets the biases', replace: 'b[p] -= eta * db[p]', by: 'b[p] -= 0' },
    { mistake: 'updates every layer but the last', replace: 'l < net.layers;', by: 'l < net.layers - 1;' },
  ],
  'ch12-predict-digits': [
    { mistake: 'searches along each row (axis 1)', replace: 'const digits: number[] = [];', by: 'return argmax(A2, 1);' },
    { mistake: 'counts digits from 1', replace: 'digits.push(best);', by: 'digits.push(best + 1);' },
  ],
  'ch12-confusion': [
    { mistake: 'transposed: rows are the predicted digit', replace: 'C[labels[j]][predicted[j]] += 1', by: 'C[predicted[j]][labels[j]] += 1' },
    { mistake: 'marks a cell instead of counting', replace: 'C[labels[j]][predicted[j]] += 1', by: 'C[labels[j]][predicted[j]] = 1' },
  ],
  'ch13-momentum': [
    { mistake: 'steps with the gradient, not the velocity', replace: 'w = w - eta * v;', by: 'w = w - eta * g;' },
    { mistake: 'averages instead of summing: (1 − β) on the new gradient, with the same η', replace: 'v = beta * v + g;', by: 'v = beta * v + (1 - beta) * g;' },
    { mistake: 'steps with the old velocity, then updates it', replace: 'v = beta * v + g;              // remember the past gradients, the newest at full weight\n    w = w - eta * v;', by: 'w = w - eta * v;\n    v = beta * v + g;' },
    { mistake: 'β on the gradient instead of on v', replace: 'v = beta * v + g;', by: 'v = v + beta * g;' },
  ],
  'ch13-adam': [
    { mistake: 'forgets the bias correction', replace: '(eta * mHat) / (Math.sqrt(vHat) + epsilon)', by: '(eta * m) / (Math.sqrt(v) + epsilon)' },
    { mistake: 'counts the steps from t = 0 (off by one)', replace: 'const t = i + 1;', by: 'const t = i;' },
    { mistake: 't one too large', replace: 'const t = i + 1;', by: 'const t = i + 2;' },
    { mistake: 'corrects m only', replace: 'const vHat = v / (1 - beta2 ** t);', by: 'const vHat = v;' },
    { mistake: 'corrects v only', replace: 'const mHat = m / (1 - beta1 ** t);', by: 'const mHat = m;' },
    { mistake: 'divides by v̂ instead of its square root', replace: 'Math.sqrt(vHat)', by: 'vHat' },
    { mistake: 'multiplies by the correction instead of dividing', replace: 'const mHat = m / (1 - beta1 ** t);', by: 'const mHat = m * (1 - beta1 ** t);' },
  ],
  'ch14-weight-decay': [
    { mistake: 'decays the biases too', replace: 'db: grads.db,', by: 'db: grads.db.map((db, l) => add(db, scale(net.b[l], lambda))),' },
    { mistake: 'differentiates λ‖W‖² instead of (λ/2)‖W‖²: 2λW', replace: 'scale(net.W[l], lambda)', by: 'scale(net.W[l], 2 * lambda)' },
    { mistake: 'keeps the penalty\'s ½: λ/2·W', replace: 'scale(net.W[l], lambda)', by: 'scale(net.W[l], lambda / 2)' },
    { mistake: 'flips the penalty\'s sign', replace: 'scale(net.W[l], lambda)', by: 'scale(net.W[l], -lambda)' },
    { mistake: 'decays dW instead of W', replace: 'scale(net.W[l], lambda)', by: 'scale(dW, lambda)' },
  ],
  'ch14-dropout': [
    { mistake: 'forgets to scale the kept units up', replace: 'scale(mul(A, kept), 1 / keep)', by: 'mul(A, kept)' },
    { mistake: 'multiplies by the keep probability instead of dividing', replace: 'scale(mul(A, kept), 1 / keep)', by: 'scale(mul(A, kept), keep)' },
    { mistake: 'divides by the drop probability 1 − keep', replace: 'scale(mul(A, kept), 1 / keep)', by: 'scale(mul(A, kept), 1 / (1 - keep))' },
    { mistake: 'scales but drops nothing', replace: 'scale(mul(A, kept), 1 / keep)', by: 'scale(A, 1 / keep)' },
  ],
  'ch16-output-size': [
    { mistake: 'forgets the first position (the + 1)', replace: 'Math.floor((n + 2 * pad - k) / stride) + 1', by: 'Math.floor((n + 2 * pad - k) / stride)' },
    { mistake: 'pads one side only', replace: 'Math.floor((n + 2 * pad - k) / stride) + 1', by: 'Math.floor((n + pad - k) / stride) + 1' },
    { mistake: 'forgets the stride', replace: 'Math.floor((n + 2 * pad - k) / stride) + 1', by: 'n + 2 * pad - k + 1' },
    { mistake: 'rounds up (right when the stride divides evenly)', replace: 'Math.floor((n + 2 * pad - k) / stride) + 1', by: 'Math.ceil((n + 2 * pad - k) / stride) + 1' },
    { mistake: 'adds the 1 before dividing (right for stride 1 only)', replace: 'Math.floor((n + 2 * pad - k) / stride) + 1', by: 'Math.floor((n + 2 * pad - k + 1) / stride)' },
  ],
  'ch16-kernel-gradient': [
    { mistake: 'multiplies by the pixel under the output, not under the kernel entry', replace: 's += dZ.get(y, x) * X.get(y + i, x + j)', by: 's += dZ.get(y, x) * X.get(y, x)' },
    { mistake: 'flips the kernel (a convolution instead of a correlation)', replace: 's += dZ.get(y, x) * X.get(y + i, x + j)', by: 's += dZ.get(y, x) * X.get(y + k - 1 - i, x + k - 1 - j)' },
    { mistake: 'transposed (right for symmetric cases only)', replace: 'dK.set(i, j, s)', by: 'dK.set(j, i, s)' },
    { mistake: 'averages over the positions instead of summing', replace: 'dK.set(i, j, s)', by: 'dK.set(i, j, s / (dZ.rows * dZ.cols))' },
  ],
  'ch15-backward-l': [
    { mistake: 'takes g′ of the layer’s own Z instead of the one below (off by one)', replace: 'g.df(Z[l - 1])', by: 'g.df(Z[l])' },
    { mistake: 'forgets the g′ factor (right for one layer only)', replace: 'mul(matmulTransA(net.W[l], dZ), g.df(Z[l - 1]))', by: 'matmulTransA(net.W[l], dZ)' },
    { mistake: 'multiplies by the weights of the layer below', replace: 'matmulTransA(net.W[l], dZ)', by: 'matmulTransA(net.W[l - 1], dZ)' },
    { mistake: 'stops before the first layer', replace: 'l >= 0', by: 'l >= 1' },
    { mistake: 'transposed: A[l]·dZᵀ has the shape of W[l]ᵀ', replace: 'dW[l] = matmulTransB(dZ, A[l])', by: 'dW[l] = matmulTransB(A[l], dZ)' },
  ],
  'ch15-per-digit': [
    { mistake: 'divides by all the drawings instead of those of digit k', replace: 'right[k] / n))', by: 'right[k] / meant.length))' },
    { mistake: 'counts the drawings by what the network read (its precision, not your digit’s accuracy)', replace: 'drawn[meant[j]]++;', by: 'drawn[read[j]]++;' },
    { mistake: 'scores a digit never drawn as 0 instead of no score', replace: '(n === 0 ? null : right[k] / n)', by: '(n === 0 ? 0 : right[k] / n)' },
  ],
};
