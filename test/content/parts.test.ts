// The frontmatter of a chapter in Part I must claim syllabus questions; a Part II chapter claims none.
import { describe, expect, it } from 'vitest';
import { chapterSchema } from '../../src/content.config';

const chapter = { title: 'A chapter', summary: 'One sentence saying what the reader learns.', order: 13 };
const issues = (data: object) => chapterSchema.safeParse(data).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('chapter parts', () => {
  it('Part I is the default, and a Part I chapter must list what it covers', () => {
    expect(issues({ ...chapter, covers: [] })).toEqual(['covers: covers: list the syllabus items (A1 … A18) this chapter answers']);
    expect(chapterSchema.parse({ ...chapter, covers: ['A1'] }).part).toBe(1);
  });

  it('a Part II chapter may list none', () => {
    expect(issues({ ...chapter, part: 2 })).toEqual([]);
    expect(chapterSchema.parse({ ...chapter, part: 2 }).covers).toEqual([]);
  });

  it('there is no Part III', () => {
    expect(issues({ ...chapter, part: 3 })[0]).toMatch(/^part: part: 1 \(the first network\) or 2/);
  });
});
