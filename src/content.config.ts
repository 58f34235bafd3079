import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * The chapters of the guide: `content/chapters/NN-slug.mdx`. Files starting with `_` are partials,
 * not chapters. The numeric prefix only sorts files on disk; `order` sets the reading order.
 */
const chapters = defineCollection({
  loader: glob({ base: './content/chapters', pattern: '**/[^_]*.mdx' }),
  schema: z.object({
    title: z.string().min(1),
    /** One or two sentences for the chapter map on the home page and the social preview. */
    summary: z.string().min(1),
    order: z.number().int().nonnegative(),
    /** The Go releases the text was checked against, e.g. ["1.22", "1.25"]. */
    goVersions: z.array(z.string().regex(/^1\.\d+(\.\d+)?$/, 'a Go version like "1.25"')).min(1),
    sources: z.array(z.object({ title: z.string().min(1), url: z.url() })),
    /** "What you will learn", shown under the title. */
    learn: z.array(z.string().min(1)).optional(),
  }),
});

export const collections = { chapters };
