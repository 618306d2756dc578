// Bundles src/notebook/standalone.ts into one ES module (nn.js), at build time and in tests.
import { build } from 'esbuild';
import { resolve } from 'node:path';

export async function bundleStandalone(): Promise<string> {
  const result = await build({
    // From the project root: at build time this module runs from a bundled chunk elsewhere.
    entryPoints: [resolve(process.cwd(), 'src/notebook/standalone.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    banner: { js: '// nn.js: the engine of nn from scratch, with show/plot/check and loadMnist, as one module.' },
  });
  return result.outputFiles[0].text;
}
