import { getCollection, type CollectionEntry } from 'astro:content';

export type Chapter = CollectionEntry<'chapters'>;

/** All chapters in reading order; two chapters with the same `order` are an author error. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  chapters.forEach((chapter, i) => {
    const next = chapters[i + 1];
    if (next && next.data.order === chapter.data.order) {
      throw new Error(`chapters ${chapter.id} and ${next.id} both have order ${chapter.data.order}`);
    }
  });
  return chapters;
}

export function chapterHref(chapter: Chapter): string {
  return `${import.meta.env.BASE_URL}${chapter.id}/`;
}

/** The names of a chapter's self-checking exercises (cells marked exercise="…"). */
export function exerciseNames(chapter: Chapter): string[] {
  return [...(chapter.body ?? '').matchAll(/^```ts cell exercise="([^"]+)"/gm)].map((m) => m[1]!);
}
