// `npm run train-bundled`: trains the network the site ships and writes src/models/bundled-mlp.json.
// The same seed and data give the same file; test/models/bundled.test.ts checks that.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainBundled } from '../../src/models/bundled-recipe.ts';

const file = await trainBundled();
const out = fileURLToPath(new URL('../../src/models/bundled-mlp.json', import.meta.url));
writeFileSync(out, JSON.stringify(file) + '\n');
console.log(`wrote ${out}: validation accuracy ${(file.about.valAccuracy * 100).toFixed(2)}%`);
