// The globals every cell gets (defined in prelude.ts), in their parameter order. A file of its own so
// that the page can know the names without loading the prelude's code.
export const PRELUDE_NAMES = ['show', 'showImage', 'plot', 'progress', 'check', 'console', '__import'] as const;
