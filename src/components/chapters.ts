import { getCollection, type CollectionEntry } from 'astro:content';

export type Chapter = CollectionEntry<'chapters'>;

/** All chapters in reading order (frontmatter `order`, then id so ties stay stable). */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = await getCollection('chapters');
  return chapters.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}
