import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { SYLLABUS_IDS } from './syllabus';

const syllabusItem = z.enum(SYLLABUS_IDS, {
  error: (issue) => `"${String(issue.input)}" is not a syllabus item: use A1 … A18`,
});

// Every chapter's frontmatter; a chapter that breaks it fails the build with the field named.
export const chapterSchema = z.object({
  title: z.string().min(1, 'a chapter needs a title'),
  summary: z.string().min(10, 'summary: one sentence saying what the reader learns').max(200),
  order: z.number().int().positive(),
  covers: z.array(syllabusItem).min(1, 'covers: list the syllabus items (A1 … A18) this chapter answers'),
});

export const collections = {
  chapters: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './content/chapters' }),
    schema: chapterSchema,
  }),
};
