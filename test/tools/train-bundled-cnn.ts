// `npm run train-bundled-cnn`: trains the convolutional network the site ships and writes
// src/models/bundled-cnn.json. The same seed and data give the same file; test/models/bundled-cnn.test.ts
// checks it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeCnnStepper } from '../../src/accel/node.ts';
import { trainBundledCNN } from '../../src/models/bundled-cnn-recipe.ts';

// The WebAssembly CNN step trains the same way as the TypeScript one (up to rounding), only faster.
const file = await trainBundledCNN((await nodeCnnStepper()) ?? undefined);
const out = fileURLToPath(new URL('../../src/models/bundled-cnn.json', import.meta.url));
writeFileSync(out, JSON.stringify(file) + '\n');
console.log(`wrote ${out}: validation accuracy ${(file.about.valAccuracy * 100).toFixed(2)}%`);
