import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCells from './src/notebook/remark-cells.ts';
import rehypeKatexFonts from './src/katex-fonts.ts';
import searchIndex from './src/search/astro-pagefind.ts';
import offline from './src/offline/astro-offline.ts';
import { cellTypes } from './src/notebook/types/vite-plugin.ts';

const root = new URL('.', import.meta.url).pathname;

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Astro 7's default Markdown processor is not remark: remark-math and rehype-katex
// only run through unified(); MDX inherits the processor.
export default defineConfig({
  site: 'https://nn-from-scratch.example',
  integrations: [mdx(), preact(), searchIndex(), offline()],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCells],
      rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: 'ignore' }], rehypeKatexFonts],
    }),
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: 'light',
    },
  },
  // Cross-origin isolation, for `astro dev` and `astro preview` (public/_headers says the same to
  // static hosts): it lets the training step share WebAssembly memory with a second thread.
  server: { headers: crossOriginIsolation },
  vite: {
    // The cells' type checker imports its generated declarations (see src/notebook/types/).
    plugins: [cellTypes(root)],
    worker: { format: 'es', plugins: () => [cellTypes(root)] },
  },
});
