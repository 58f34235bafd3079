/**
 * A Markdown plugin for the chapters' incident programs. A Go block titled `buggy: NAME` followed
 * directly by one titled `fixed: NAME` becomes one comparison, laid side by side where the page is
 * wide enough (the chapter layout's `.code-compare` rule). The lines the fix removes are marked
 * `del` in the buggy program and the lines it adds `ins` in the fixed one (Expressive Code's text
 * markers), from a line diff made at build time, so the marks stay true whenever either program is
 * edited and an author never counts lines by hand.
 */
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import { defineMdastPlugin, type MdastNode } from 'satteri';

const TITLE = /(?:^|\s)title="(buggy|fixed): ([^"]+)"/;
const MARKS = /(?:^|\s)(?:del|ins|mark)=/;

/** Which side a Go block is on and the program's name, or undefined for any other node. */
function sideOf(
  node: MdastNode | undefined,
): { side: 'buggy' | 'fixed'; name: string } | undefined {
  if (node?.type !== 'code' || node.lang !== 'go') return undefined;
  const match = TITLE.exec(node.meta ?? '');
  if (match === null) return undefined;
  return { side: match[1] as 'buggy' | 'fixed', name: match[2] ?? '' };
}

/** 1-based line ranges in Expressive Code's syntax: `3-5,9`. */
function ranges(lines: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? 0;
    let last = first;
    while (lines[i + 1] === last + 1) last = lines[++i] ?? last;
    parts.push(first === last ? `${first}` : `${first}-${last}`);
    i++;
  }
  return parts.join(',');
}

/** The lines only the buggy program has, and the lines only the fixed one has (1-based). */
export function changedLines(buggy: string, fixed: string): { removed: number[]; added: number[] } {
  const removed: number[] = [];
  const added: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of diffLines(`${buggy}\n`, `${fixed}\n`)) {
    const count = change.count;
    for (let k = 0; k < count; k++) {
      if (change.removed) removed.push(oldLine++);
      else if (change.added) added.push(newLine++);
      else {
        oldLine++;
        newLine++;
      }
    }
  }
  return { removed, added };
}

function withMark(meta: string, mark: 'del' | 'ins', lines: readonly number[]): string {
  return lines.length === 0 ? meta : `${meta} ${mark}={${ranges(lines)}}`;
}

/**
 * The Sätteri mdast plugin (`markdown.processor` in astro.config.mjs; MDX inherits it). Each
 * `buggy:` block whose next sibling is the same program's `fixed:` block is replaced by a `div`
 * holding both, their metas extended with the diff's marks.
 */
export const codeComparePlugin = defineMdastPlugin({
  name: 'ghost-goroutines-code-compare',
  code(node, ctx) {
    const a = sideOf(node);
    if (a?.side !== 'buggy') return;
    const index = ctx.indexOf(node);
    const next = index === undefined ? undefined : ctx.parent(node)?.children[index + 1];
    const b = sideOf(next);
    if (next?.type !== 'code' || b?.side !== 'fixed' || b.name !== a.name) return;
    const where = ctx.fileURL === undefined ? 'markdown' : fileURLToPath(ctx.fileURL);
    for (const block of [node, next]) {
      if (MARKS.test(block.meta ?? '')) {
        throw new Error(
          `${where}: "${a.name}" is compared with its fix, so the diff marks its changed lines; remove the hand-written del/ins/mark from its meta.`,
        );
      }
    }
    const { removed, added } = changedLines(node.value, next.value);
    ctx.removeNode(next);
    ctx.replaceNode(node, {
      type: 'codeCompare',
      data: {
        hName: 'div',
        hProperties: {
          className: ['code-compare'],
          role: 'group',
          ariaLabel: `${a.name}: the buggy program and its fix`,
        },
      },
      children: [
        { ...node, meta: withMark(node.meta ?? '', 'del', removed) },
        { ...next, meta: withMark(next.meta ?? '', 'ins', added) },
      ],
    });
  },
});
