// Parsed as the site parses them (MDX with maths), so a block counts here exactly when it is a cell there.
// Every self-checking exercise in the chapters, run through the notebook kernel in Node: the solution
// must pass all its checks, and the starter code (wrong on purpose) must not, nor any of the plausible
// wrong answers each exercise names in wrong-answers.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { parseCellMeta } from '../../src/notebook/cell-meta.ts';
import { createHeadlessKernel, type HeadlessRun } from '../../src/notebook/headless.ts';
import * as engine from '../../src/engine/index.ts';
import type { OutputItem } from '../../src/notebook/protocol.ts';
import { WRONG_ANSWERS } from './wrong-answers.ts';

interface Found {
  name: string;
  file: string;
  line: number;
  code: string;
}

const dir = new URL('../../content/chapters/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort();

function cellsOf(file: string): { exercises: Found[]; solutions: Found[] } {
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(readFileSync(new URL(file, dir), 'utf8'));
  const exercises: Found[] = [];
  const solutions: Found[] = [];
  const visit = (node: any) => {
    if (node.type === 'code') {
      const meta = parseCellMeta(node.lang, node.meta);
      const line = node.position?.start.line ?? 0;
      if (meta?.exercise !== undefined) exercises.push({ name: meta.exercise, file, line, code: node.value });
      if (meta?.solution !== undefined) solutions.push({ name: meta.solution, file, line, code: node.value });
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return { exercises, solutions };
}

const found = files.map(cellsOf);
const exercises = found.flatMap((f) => f.exercises);
const solutions = found.flatMap((f) => f.solutions);
const where = (f: Found) => `${f.file}:${f.line}`;
const pairs = exercises
  .map((exercise) => ({ exercise, solution: solutions.find((s) => s.name === exercise.name) }))
  .filter((p): p is { exercise: Found; solution: Found } => p.solution !== undefined);

// loadMnist is not available in Node: exercises must be self-contained and not need the download.
const nn = { ...engine, loadMnist: () => Promise.reject(new Error('exercises cannot use loadMnist (the check runs without the dataset)')) };

function checks(run: HeadlessRun) {
  return run.outputs.filter((o): o is Extract<OutputItem, { kind: 'check' }> => o.kind === 'check');
}

function describeRun(run: HeadlessRun): string {
  const err = run.error ? `${run.error.name} on line ${run.error.line ?? '?'}: ${run.error.message}` : 'no error';
  const results = checks(run).map((c) => `${c.name}: ${c.passed}/${c.total}${c.cases.find((k) => !k.ok)?.detail ? ` (${c.cases.find((k) => !k.ok)!.detail})` : ''}`);
  return `${err}; checks: ${results.join('; ') || 'none ran'}`;
}

describe('exercise cells', () => {
  it('pair up: every exercise has exactly one solution of the same name, and every solution an exercise', () => {
    const problems: string[] = [];
    for (const list of [exercises, solutions]) {
      const kind = list === exercises ? 'exercise' : 'solution';
      const seen = new Map<string, Found>();
      for (const f of list) {
        if (!f.name) problems.push(`${where(f)}: ${kind}="" needs a name`);
        if (seen.has(f.name)) problems.push(`${where(f)}: ${kind} "${f.name}" also appears at ${where(seen.get(f.name)!)}`);
        seen.set(f.name, f);
      }
    }
    for (const e of exercises) if (!solutions.some((s) => s.name === e.name)) problems.push(`${where(e)}: exercise "${e.name}" has no solution cell`);
    for (const s of solutions) if (!exercises.some((e) => e.name === s.name)) problems.push(`${where(s)}: solution "${s.name}" has no exercise cell`);
    expect(problems).toEqual([]);
  });

  it.each(pairs.map((p) => [p.exercise.name, p] as const))('%s: the solution passes every check', async (_name, { solution }) => {
    const run = await createHeadlessKernel(nn).run(solution.code);
    const results = checks(run);
    expect(run.error, `${where(solution)}: ${describeRun(run)}`).toBeUndefined();
    expect(results.length, `${where(solution)} never calls check()`).toBeGreaterThan(0);
    expect(results.every((c) => c.passed === c.total), `${where(solution)}: ${describeRun(run)}`).toBe(true);
  });

  it.each(pairs.map((p) => [p.exercise.name, p] as const))('%s: the starter code runs and fails its check', async (_name, { exercise }) => {
    const run = await createHeadlessKernel(nn).run(exercise.code);
    const results = checks(run);
    expect(run.error, `${where(exercise)}: the starter should run and fail its check, not throw: ${describeRun(run)}`).toBeUndefined();
    expect(results.length, `${where(exercise)} never calls check()`).toBeGreaterThan(0);
    expect(results.some((c) => c.passed < c.total), `${where(exercise)}: the starter already passes: ${describeRun(run)}`).toBe(true);
  });

  it('name at least two plausible wrong answers each, and only for exercises that exist', () => {
    const problems: string[] = [];
    for (const e of exercises) {
      const count = WRONG_ANSWERS[e.name]?.length ?? 0;
      if (count < 2) problems.push(`${where(e)}: exercise "${e.name}" names ${count} wrong answers in test/content/wrong-answers.ts; it needs at least 2`);
    }
    for (const name of Object.keys(WRONG_ANSWERS)) if (!exercises.some((e) => e.name === name)) problems.push(`wrong-answers.ts names "${name}", which is no exercise`);
    expect(problems).toEqual([]);
  });

  const wrongCases = pairs.flatMap((p) => (WRONG_ANSWERS[p.exercise.name] ?? []).map((w) => [`${p.exercise.name}, ${w.mistake}`, p.solution, w] as const));
  it.each(wrongCases)('%s: fails its check', async (_name, solution, wrong) => {
    const occurrences = solution.code.split(wrong.replace).length - 1;
    expect(occurrences, `${where(solution)}: "${wrong.replace}" should occur exactly once in the solution`).toBe(1);
    const run = await createHeadlessKernel(nn).run(solution.code.replace(wrong.replace, () => wrong.by));
    const results = checks(run);
    expect(run.error, `${where(solution)} with "${wrong.mistake}" should run and fail its check, not throw: ${describeRun(run)}`).toBeUndefined();
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((c) => c.passed < c.total), `${where(solution)}: the wrong answer "${wrong.mistake}" passes: ${describeRun(run)}`).toBe(true);
  });
});
