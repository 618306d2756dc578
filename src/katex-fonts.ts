// Which of KaTeX's fonts a chapter's formulas use, found at build time so the chapter page can
// preload exactly those. A formula whose font arrives after the first paint is laid out again
// when it does, and moves the text around it (a layout shift).
//
// The classes rehype-katex writes name the font, as KaTeX's stylesheet (katex.min.css) maps them:
// each rule below is one of its rules, [classes an element has, the font file's name].
const RULES: [string[], string][] = [
  [['katex'], 'Main-Regular'],
  [['mathnormal'], 'Math-Italic'],
  [['boldsymbol'], 'Math-BoldItalic'],
  [['mathit'], 'Main-Italic'],
  [['textit'], 'Main-Italic'],
  [['mathbf'], 'Main-Bold'],
  [['textbf'], 'Main-Bold'],
  [['mathbb'], 'AMS-Regular'],
  [['textbb'], 'AMS-Regular'],
  [['amsrm'], 'AMS-Regular'],
  [['mathcal'], 'Caligraphic-Regular'],
  [['mathfrak'], 'Fraktur-Regular'],
  [['textfrak'], 'Fraktur-Regular'],
  [['mathboldfrak'], 'Fraktur-Bold'],
  [['textboldfrak'], 'Fraktur-Bold'],
  [['mathscr'], 'Script-Regular'],
  [['textscr'], 'Script-Regular'],
  [['mathsf'], 'SansSerif-Regular'],
  [['textsf'], 'SansSerif-Regular'],
  [['mathboldsf'], 'SansSerif-Bold'],
  [['textboldsf'], 'SansSerif-Bold'],
  [['mathitsf'], 'SansSerif-Italic'],
  [['mathsfit'], 'SansSerif-Italic'],
  [['textitsf'], 'SansSerif-Italic'],
  [['mathtt'], 'Typewriter-Regular'],
  [['texttt'], 'Typewriter-Regular'],
  [['delimsizing', 'size1'], 'Size1-Regular'],
  [['delimsizing', 'size2'], 'Size2-Regular'],
  [['delimsizing', 'size3'], 'Size3-Regular'],
  [['delimsizing', 'size4'], 'Size4-Regular'],
  [['delim-size1'], 'Size1-Regular'],
  [['delim-size4'], 'Size4-Regular'],
  [['op-symbol', 'small-op'], 'Size1-Regular'],
  [['op-symbol', 'large-op'], 'Size2-Regular'],
];

export interface HastNode {
  type: string;
  tagName?: string;
  name?: string | null;
  properties?: { className?: unknown };
  children?: HastNode[];
}

/** A closed <details> (an exercise's solution) is not laid out, so its fonts load only when it opens. */
const isDetails = (node: HastNode) => node.tagName === 'details' || node.name === 'details';

function classesOf(node: HastNode): string[] {
  const className = node.properties?.className;
  return Array.isArray(className) ? className.map(String) : [];
}

/** The KaTeX fonts (e.g. "Main-Bold") the tree's formulas use, in the order they are first needed. */
export function katexFontsUsed(tree: HastNode): string[] {
  const fonts = new Set<string>();
  const walk = (node: HastNode) => {
    if (isDetails(node)) return;
    const classes = classesOf(node);
    for (const [needs, font] of RULES) if (needs.every((c) => classes.includes(c))) fonts.add(font);
    node.children?.forEach(walk);
  };
  walk(tree);
  return [...fonts];
}

interface VFileLike {
  data: { astro?: { frontmatter?: Record<string, unknown> } };
}

/** Rehype plugin, after rehype-katex: the chapter's fonts become its frontmatter's `katexFonts`. */
export default function rehypeKatexFonts() {
  return (tree: HastNode, file: VFileLike) => {
    const astro = (file.data.astro ??= {});
    astro.frontmatter = { ...astro.frontmatter, katexFonts: katexFontsUsed(tree) };
  };
}
