import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { SYLLABUS_IDS } from './syllabus';

const syllabusItem = z.enum(SYLLABUS_IDS, {
  error: (issue) => `"${String(issue.input)}" is not a syllabus item: use A1 … A18`,
});

// Every chapter's frontmatter; a chapter that breaks it fails the build with the field named.
// Part I (the first network) answers the syllabus questions A1 … A18, each chapter some of them;
// Part II goes beyond them, so its chapters list none.
export const chapterSchema = z
  .object({
    title: z.string().min(1, 'a chapter needs a title'),
    summary: z.string().min(10, 'summary: one sentence saying what the reader learns').max(200),
    order: z.number().int().positive(),
    part: z.union([z.literal(1), z.literal(2)], { error: 'part: 1 (the first network) or 2 (after it)' }).default(1),
    covers: z.array(syllabusItem).default([]),
  })
  .refine((chapter) => chapter.part !== 1 || chapter.covers.length > 0, {
    message: 'covers: list the syllabus items (A1 … A18) this chapter answers',
    path: ['covers'],
  });

export const collections = {
  chapters: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './content/chapters' }),
    schema: chapterSchema,
  }),
};
