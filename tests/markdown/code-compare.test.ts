/**
 * The chapters' buggy/fixed pairs, run through Sätteri (Astro's Markdown processor) with the
 * plugin: paired only when adjacent and named alike, marked by a real line diff that Expressive
 * Code then reads from each block's meta, and hand-written marks refused.
 */
import { markdownToHtml, defineHastPlugin, type HastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import { changedLines, codeComparePlugin } from '../../src/markdown/code-compare.ts';

const buggy = ['package main', '', 'func main() {', '\tch := make(chan int)', '}'];
const fixed = ['package main', '', 'func main() {', '\tch := make(chan int, 1)', '\t_ = ch', '}'];

const block = (meta: string, lines: readonly string[]) =>
  `\`\`\`go ${meta}\n${lines.join('\n')}\n\`\`\`\n`;

/** The meta of every code block, in order, as the highlighter (Expressive Code) will see it. */
function compile(markdown: string): { html: string; metas: string[] } {
  const metas: string[] = [];
  const recordMetas = defineHastPlugin({
    name: 'record-metas',
    element: {
      filter: ['code'],
      visit(node: HastNode) {
        const data = (node as { data?: { meta?: string } }).data;
        metas.push(data?.meta ?? '');
      },
    },
  });
  const { html } = markdownToHtml(markdown, {
    mdastPlugins: [codeComparePlugin],
    hastPlugins: [recordMetas],
  }) as { html: string };
  return { html, metas };
}

describe('changedLines', () => {
  it('names the removed lines of the buggy program and the added lines of the fix', () => {
    expect(changedLines(buggy.join('\n'), fixed.join('\n'))).toEqual({
      removed: [4],
      added: [4, 5],
    });
  });

  it('finds nothing to mark in two identical programs', () => {
    expect(changedLines(buggy.join('\n'), buggy.join('\n'))).toEqual({ removed: [], added: [] });
  });
});

describe('codeComparePlugin', () => {
  it('puts an adjacent buggy/fixed pair of one program in one group and marks its changed lines', () => {
    const { html, metas } = compile(
      block('title="buggy: main.go"', buggy) + '\n' + block('title="fixed: main.go"', fixed),
    );
    expect(html).toMatch(
      /^<div class="code-compare" role="group" aria-label="main\.go: the buggy program and its fix"><pre>/,
    );
    expect(html.match(/<pre>/g)).toHaveLength(2);
    expect(metas).toEqual(['title="buggy: main.go" del={4}', 'title="fixed: main.go" ins={4-5}']);
  });

  it('leaves a pair with prose between them, or of two different programs, alone', () => {
    const apart = compile(
      block('title="buggy: main.go"', buggy) +
        '\nWhy.\n\n' +
        block('title="fixed: main.go"', fixed),
    );
    expect(apart.html).not.toContain('code-compare');
    expect(apart.metas).toEqual(['title="buggy: main.go"', 'title="fixed: main.go"']);
    const other = compile(
      block('title="buggy: a.go"', buggy) + '\n' + block('title="fixed: b.go"', fixed),
    );
    expect(other.html).not.toContain('code-compare');
  });

  it('finds a pair inside a list item', () => {
    const indent = (text: string) => text.replace(/^(?=.)/gm, '   ');
    const { html } = compile(
      `1. The fix:\n\n${indent(block('title="buggy: x.go"', buggy))}\n${indent(block('title="fixed: x.go"', fixed))}`,
    );
    expect(html).toMatch(/<li>[\s\S]*class="code-compare"/);
  });

  it('refuses hand-written marks on a compared block, naming the program', () => {
    expect(() =>
      compile(
        block('title="buggy: main.go" del={2}', buggy) +
          '\n' +
          block('title="fixed: main.go"', fixed),
      ),
    ).toThrow(/"main\.go".*remove the hand-written/);
  });
});
