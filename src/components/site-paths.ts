/**
 * Paths inside the site. The build may be served under a sub-path (`BASE_PATH=/go-guide/`), so every
 * internal link and asset goes through {@link withBase}.
 */

/**
 * Prefixes a site path with Astro's base.
 * @example withBase('chapters/ghost-leaks/') // '/go-guide/chapters/ghost-leaks/' under BASE_PATH=/go-guide/
 */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

/**
 * The URL slug of a chapter from its collection entry id: the file name without its numeric
 * ordering prefix, so `01-ghost-leaks` is served at `/chapters/ghost-leaks/`.
 */
export function chapterSlug(entryId: string): string {
  const fileName = entryId.split('/').at(-1) ?? entryId;
  return fileName.replace(/\.mdx$/, '').replace(/^\d+-/, '');
}

/** The page path of a chapter, relative to the base. */
export function chapterPath(entryId: string): string {
  return `chapters/${chapterSlug(entryId)}/`;
}

/** The page path of a widget's chrome-less embed, relative to the base. */
export function embedPath(widgetId: string): string {
  return `embed/${widgetId}/`;
}
