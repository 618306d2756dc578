// The KaTeX fonts a chapter preloads: read from the classes rehype-katex writes (src/katex-fonts.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { katexFontsUsed, type HastNode } from '../../src/katex-fonts';

const span = (className: string[], children: HastNode[] = []): HastNode => ({ type: 'element', tagName: 'span', properties: { className }, children });
const fontsDir = path.dirname(createRequire(import.meta.url).resolve('katex/dist/fonts/KaTeX_Main-Regular.woff2'));
const chapters = import.meta.glob<{ frontmatter: { katexFonts?: string[] } }>('../../content/chapters/*.mdx', { eager: true });

describe('katexFontsUsed', () => {
  it('names the fonts of \\mathbf, \\mathbb and a display \\sum, in the order they first appear', () => {
    const formula = span(['katex'], [
      span(['mord', 'mathbf']),
      span(['mord', 'mathnormal']),
      span(['mop', 'op-symbol', 'large-op']),
      span(['mord', 'mathbb']),
      span(['mord', 'mathbf']),
    ]);
    expect(katexFontsUsed({ type: 'root', children: [formula] })).toEqual(['Main-Regular', 'Main-Bold', 'Math-Italic', 'Size2-Regular', 'AMS-Regular']);
  });

  it('needs every class of a rule: a sizing span is not a sized delimiter', () => {
    expect(katexFontsUsed(span(['sizing', 'reset-size6', 'size3']))).toEqual([]);
    expect(katexFontsUsed(span(['delimsizing', 'size3']))).toEqual(['Size3-Regular']);
  });

  it('leaves out formulas inside <details>, which are not laid out until opened', () => {
    const solution = { type: 'mdxJsxFlowElement', name: 'details', children: [span(['katex'], [span(['mord', 'mathcal'])])] };
    expect(katexFontsUsed({ type: 'root', children: [solution] })).toEqual([]);
  });
});

describe('the chapters’ KaTeX fonts', () => {
  it('are real font files, and chapter 4’s include the bold of its opening \\mathbf{x}', () => {
    for (const [file, { frontmatter }] of Object.entries(chapters)) {
      for (const font of frontmatter.katexFonts ?? []) expect(existsSync(path.join(fontsDir, `KaTeX_${font}.woff2`)), `${file}: ${font}`).toBe(true);
    }
    const chapter4 = Object.entries(chapters).find(([file]) => file.includes('04-'))![1];
    expect(chapter4.frontmatter.katexFonts).toEqual(expect.arrayContaining(['Main-Regular', 'Math-Italic', 'Main-Bold']));
  });
});
