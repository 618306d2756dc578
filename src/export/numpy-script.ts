// A trained network as a short, runnable numpy script: the same forward pass as the engine
// (examples are columns, Z = W·A + b, hidden activation g, softmax or sigmoid output), with the
// weights embedded as base64 float32 so the file stays small and exact.
import type { NetworkJSON } from '../engine/index.ts';

function base64Float32(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float32Array.from(values).buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function matrixLine(name: string, M: { rows: number; cols: number; data: ArrayLike<number> }): string {
  return `${name} = np.frombuffer(base64.b64decode("${base64Float32(M.data)}"), dtype="<f4").reshape(${M.rows}, ${M.cols})`;
}

const ACTIVATIONS: Record<string, string> = {
  relu: 'np.maximum(Z, 0)',
  leakyRelu: 'np.where(Z > 0, Z, ALPHA * Z)',
  sigmoid: '1 / (1 + np.exp(-Z))',
  tanh: 'np.tanh(Z)',
  identity: 'Z',
};

/**
 * The script prints, for each column of `samples` (pixel values in [0, 1], shape (784, m)),
 * the predicted digit and its probability. Without samples it only defines `forward` and `predict`.
 */
export function numpyScript(network: NetworkJSON, samples?: { rows: number; cols: number; data: ArrayLike<number> }): string {
  const layers = network.W.length;
  const params = network.W.flatMap((W, l) => [matrixLine(`W${l + 1}`, W), matrixLine(`b${l + 1}`, network.b[l]!)]);
  const output = network.config.output === 'sigmoid'
    ? '1 / (1 + np.exp(-Z))'
    : 'np.exp(Z - Z.max(axis=0, keepdims=True)) / np.exp(Z - Z.max(axis=0, keepdims=True)).sum(axis=0, keepdims=True)';
  const lines = [
    '# A neural network trained in the nn-from-scratch textbook, exported with its weights.',
    `# Layers: ${network.config.sizes.join(' -> ')}, hidden activation: ${network.config.activation}.`,
    '# Examples are columns: X has shape (784, m), pixel values scaled to [0, 1].',
    'import base64',
    'import numpy as np',
    '',
    `ALPHA = ${network.config.alpha ?? 0.01}`,
    ...params,
    `W = [${network.W.map((_, l) => `W${l + 1}`).join(', ')}]`,
    `b = [${network.b.map((_, l) => `b${l + 1}`).join(', ')}]`,
    '',
    'def g(Z):',
    `    return ${ACTIVATIONS[network.config.activation]}`,
    '',
    'def output(Z):',
    `    return ${output}`,
    '',
    'def forward(X):',
    '    A = X.astype(np.float32)',
    `    for l in range(${layers}):`,
    '        Z = W[l] @ A + b[l]',
    `        A = output(Z) if l == ${layers - 1} else g(Z)`,
    '    return A',
    '',
    'def predict(X):',
    '    return forward(X).argmax(axis=0)  # axis 0: the ten outputs of each example (column)',
  ];
  if (samples) {
    lines.push(
      '',
      'if __name__ == "__main__":',
      `    ${matrixLine('X', samples)}`,
      '    A = forward(X)',
      '    for j, digit in enumerate(A.argmax(axis=0)):',
      '        print(f"example {j}: digit {digit}, probability {A[digit, j]:.6f}")',
    );
  }
  return lines.join('\n') + '\n';
}
