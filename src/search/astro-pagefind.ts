import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

// After each build, index the pages that were just written (whatever --outDir was) for offline search.
// Only chapter text is indexed (data-pagefind-body), not the widgets' controls. KaTeX's visual copy
// of each formula and its TeX annotation are skipped, so every formula is indexed once, as MathML.
export const EXCLUDED_FROM_SEARCH = ['.katex-html', 'annotation', 'astro-island', '[data-pagefind-ignore]'];

export default function searchIndex(): AstroIntegration {
  return {
    name: 'nn-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED_FROM_SEARCH });
        if (!index) throw new Error(`search index: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        const problems = [...added.errors, ...written.errors];
        if (problems.length) throw new Error(`search index: ${problems.join('; ')}`);
        logger.info(`indexed ${added.page_count} pages for search`);
        await pagefind.close();
      },
    },
  };
}
