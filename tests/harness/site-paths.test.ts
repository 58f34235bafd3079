import { describe, expect, it } from 'vitest';
import { chapterPath, chapterSlug, embedPath, withBase } from '../../src/components/site-paths';

describe('site paths', () => {
  it('serves a chapter at its file name without the ordering prefix', () => {
    expect(chapterSlug('01-ghost-leaks')).toBe('ghost-leaks');
    expect(chapterSlug('05-from-incident-to-defence.mdx')).toBe('from-incident-to-defence');
    expect(chapterPath('02-why-goroutines-are-cheap')).toBe('chapters/why-goroutines-are-cheap/');
  });

  it('keeps digits that are part of the name', () => {
    expect(chapterSlug('03-go-1-23-timers')).toBe('go-1-23-timers');
  });

  it('puts every internal path under the base, with or without its trailing slash', () => {
    expect(withBase('chapters/x/', '/')).toBe('/chapters/x/');
    expect(withBase('/chapters/x/', '/go-guide/')).toBe('/go-guide/chapters/x/');
    expect(withBase('', '/go-guide')).toBe('/go-guide/');
    expect(withBase(embedPath('gmp'), '/docs/go/')).toBe('/docs/go/embed/gmp/');
  });
});
