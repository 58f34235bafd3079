import { describe, expect, it } from 'vitest';
import { embedCode, embedUrl } from '../../src/widgets/shell/embed-code';

describe('embed code', () => {
  it('builds the embed URL under the site base path', () => {
    expect(embedUrl('https://docs.example.com', '/go-guide/', 'gmp', '?seed=1')).toBe(
      'https://docs.example.com/go-guide/embed/gmp/?seed=1',
    );
    expect(embedUrl('https://x.org', '/', 'stack-growth', '')).toBe(
      'https://x.org/embed/stack-growth/',
    );
  });

  it('escapes the title and listens only to the widget origin', () => {
    const code = embedCode('https://x.org/embed/gmp/?a=1&b=2', 'G "M" <P>', 600);
    expect(code).toContain('title="G &quot;M&quot; &lt;P&gt;"');
    expect(code).toContain('src="https://x.org/embed/gmp/?a=1&amp;b=2"');
    expect(code).toContain('"https://x.org"');
    expect(code).toContain('height:600px');
  });
});
