// A trained network as a short, runnable numpy script: the same forward pass as the engine
// (examples are columns, Z = W·A + b, hidden activation g, softmax or sigmoid output), with the
// weights embedded as base64 float32 so the file stays small and exact. A CNN's script adds the
// convolution (im2col and one matrix product, as src/engine/conv.ts) and max pooling.
import { layerShapes, rowsOf, type CNNJSON, type ImageShape, type NetworkJSON } from '../engine/index.ts';

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

const SOFTMAX = 'np.exp(Z - Z.max(axis=0, keepdims=True)) / np.exp(Z - Z.max(axis=0, keepdims=True)).sum(axis=0, keepdims=True)';

type Samples = { rows: number; cols: number; data: ArrayLike<number> };

/**
 * The script prints, for each column of `samples` (pixel values in [0, 1], shape (784, m)),
 * the predicted digit and its probability. Without samples it only defines `forward` and `predict`.
 */
export function numpyScript(network: NetworkJSON | CNNJSON, samples?: Samples): string {
  const lines = network.format === 'nn-from-scratch/cnn' ? cnnLines(network) : mlpLines(network);
  lines.push(
    '',
    'def predict(X):',
    '    return forward(X).argmax(axis=0)  # axis 0: the ten outputs of each example (column)',
  );
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

function mlpLines(network: NetworkJSON): string[] {
  const layers = network.W.length;
  const params = network.W.flatMap((W, l) => [matrixLine(`W${l + 1}`, W), matrixLine(`b${l + 1}`, network.b[l]!)]);
  const output = network.config.output === 'sigmoid' ? '1 / (1 + np.exp(-Z))' : SOFTMAX;
  return [
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
  ];
}

const shapeOf = ({ channels, height, width }: ImageShape) => `(${channels}, ${height}, ${width})`;

/** A CNN's script: its parameters, conv and pool as functions, and forward written out layer by layer. */
function cnnLines(network: CNNJSON): string[] {
  const { config } = network;
  const shapes = layerShapes(config);
  const params: string[] = [];
  const steps: string[] = [];
  let s = 0; // the next entry of the file's W and b
  config.layers.forEach((layer, l) => {
    const before = shapes[l] as ImageShape, after = shapes[l + 1];
    const rows = 'units' in after ? `${after.units}` : `${after.channels}·${after.height}·${after.width}`;
    if (layer.type === 'pool') {
      steps.push(`    A = pool(A, ${shapeOf(before)}, ${layer.size})  # (${rows}, m)`);
      return;
    }
    const name = `${layer.type === 'conv' ? 'K' : 'W'}${l + 1}`;
    params.push(matrixLine(name, network.W[s]), matrixLine(`b${l + 1}`, network.b[s]));
    s++;
    const Z = layer.type === 'conv'
      ? `conv(A, ${name}, b${l + 1}, ${shapeOf(before)}, ${layer.size}, ${layer.stride ?? 1}, ${layer.pad ?? 0})`
      : `${name} @ A + b${l + 1}`;
    steps.push(`    A = ${l === config.layers.length - 1 ? 'softmax' : 'g'}(${Z})  # (${rows}, m)`);
  });
  const described = config.layers.map((layer) =>
    layer.type === 'dense' ? `dense ${layer.units}` : layer.type === 'pool' ? `pool ${layer.size}` : `conv ${layer.filters}@${layer.size}x${layer.size}`);
  return [
    '# A convolutional network trained in the nn-from-scratch textbook, exported with its weights.',
    `# Layers: ${described.join(' -> ')}, activation: ${config.activation}.`,
    `# Examples are columns: X has shape (${rowsOf(config.input)}, m), pixel values scaled to [0, 1],`,
    '# each column one image, channel by channel, then row by row.',
    'import base64',
    'import numpy as np',
    '',
    'ALPHA = 0.01',
    ...params,
    '',
    'def g(Z):',
    `    return ${ACTIVATIONS[config.activation]}`,
    '',
    'def softmax(Z):',
    `    return ${SOFTMAX}`,
    '',
    'def conv(A, K, b, shape, k, stride, pad):',
    '    # Z = K·cols + b: the kernels K (F, C·k·k) against every k×k window of each image in A (C·H·W, m)',
    '    C, H, W = shape',
    '    m = A.shape[1]',
    '    X = np.pad(A.reshape(C, H, W, m), ((0, 0), (pad, pad), (pad, pad), (0, 0)))',
    '    H_out, W_out = (H + 2 * pad - k) // stride + 1, (W + 2 * pad - k) // stride + 1',
    '    # cols[c, i, j, y, x, e] = X[c, y·stride + i, x·stride + j, e]: what kernel entry (c, i, j) sees at (y, x)',
    '    cols = np.empty((C, k, k, H_out, W_out, m), dtype=np.float32)',
    '    for i in range(k):',
    '        for j in range(k):',
    '            cols[:, i, j] = X[:, i:i + stride * H_out:stride, j:j + stride * W_out:stride, :]',
    '    Z = K @ cols.reshape(C * k * k, H_out * W_out * m) + b  # (F, H_out·W_out·m)',
    '    return Z.reshape(K.shape[0] * H_out * W_out, m)',
    '',
    'def pool(A, shape, size):',
    '    # the largest value of each size×size window, channel by channel',
    '    C, H, W = shape',
    '    m = A.shape[1]',
    '    windows = A.reshape(C, H // size, size, W // size, size, m)',
    '    return windows.max(axis=(2, 4)).reshape(C * (H // size) * (W // size), m)',
    '',
    'def forward(X):',
    '    A = X.astype(np.float32)',
    ...steps,
    '    return A',
  ];
}
