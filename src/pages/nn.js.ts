// /nn.js: the engine and the cells' helpers as one ES module, for chapters downloaded as a
// TypeScript file or a notebook (see src/notebook/standalone.ts). Bundled by esbuild at build time.
import type { APIRoute } from 'astro';
import { bundleStandalone } from '../notebook/bundle.ts';

export const GET: APIRoute = async () =>
  new Response(await bundleStandalone(), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
