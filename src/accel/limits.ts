// Sizes the compiled modules and their JavaScript side must agree on.

/** The most memory the two-thread build may grow to, in pages of 64 KiB: 512 MiB. */
export const MAX_SHARED_PAGES = 8192;

/**
 * How many parts the hidden units are split into (./assembly/step.ts): one per thread the fast
 * step can run on. Every module is set up with this many, so one thread and two compute the same sums.
 */
export const PARTS = 2;
