/**
 * Finds the JSX elements of a chapter (`<Widget …/>`, `<Predict …>…</Predict>`) and reads their
 * attributes, so the tests can check what a chapter embeds without running Astro. String attributes
 * are taken as written; `{…}` attributes are evaluated as the JavaScript literals they are (the
 * chapters are our own files, and only literals are allowed there).
 */

export interface MdxElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The text between the opening and the closing tag; '' for a self-closing element. */
  readonly children: string;
  /** 1-based line of the opening tag, for messages. */
  readonly line: number;
}

/** The text with fenced code blocks blanked out (line count kept), so code is not read as JSX. */
function withoutCodeFences(text: string): string {
  return text.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\2[ \t]*$/gm, (block) =>
    block.replace(/[^\n]/g, ' '),
  );
}

/** Index just past the string literal starting at `start` (its opening quote). */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index just past the string literal or the `{…}` group starting at `start`. */
function skipBalanced(text: string, start: number): number {
  if (text[start] !== '{') return skipString(text, start);
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}') depth -= 1;
    i += 1;
    if (depth === 0) return i;
  }
  throw new Error(`unbalanced braces from offset ${start}`);
}

function evaluateLiteral(source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own chapter's literal
  const evaluate = new Function(`return (${source});`) as () => unknown;
  return evaluate();
}

/** Parses `a="x" b={…} c` from the inside of an opening tag. */
function parseAttributes(inside: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  let i = 0;
  while (i < inside.length) {
    const nameMatch = /^\s*([A-Za-z_][\w-]*)/.exec(inside.slice(i));
    if (nameMatch === null) break;
    const name = nameMatch[1] ?? '';
    i += nameMatch[0].length;
    const rest = inside.slice(i);
    const eq = /^\s*=\s*/.exec(rest);
    if (eq === null) {
      attributes[name] = true;
      continue;
    }
    i += eq[0].length;
    const c = inside[i];
    if (c === '"' || c === "'") {
      const end = inside.indexOf(c, i + 1);
      attributes[name] = inside.slice(i + 1, end);
      i = end + 1;
    } else if (c === '{') {
      const end = skipBalanced(inside, i);
      attributes[name] = evaluateLiteral(inside.slice(i + 1, end - 1));
      i = end;
    } else {
      throw new Error(`attribute ${name}: unexpected ${JSON.stringify(c)}`);
    }
  }
  return attributes;
}

/** Every `<name …>` element in the MDX text, in order. */
export function findElements(text: string, name: string): MdxElement[] {
  const source = withoutCodeFences(text);
  const elements: MdxElement[] = [];
  const opening = new RegExp(`<${name}(?=[\\s/>])`, 'g');
  for (const match of source.matchAll(opening)) {
    const start = match.index + match[0].length;
    let i = start;
    while (i < source.length && source[i] !== '>') {
      const c = source[i];
      i = c === '{' || c === '"' || c === "'" ? skipBalanced(source, i) : i + 1;
    }
    const selfClosing = source[i - 1] === '/';
    const inside = source.slice(start, selfClosing ? i - 1 : i);
    let children = '';
    if (!selfClosing) {
      const close = source.indexOf(`</${name}>`, i);
      if (close === -1) throw new Error(`<${name}> at offset ${match.index} is never closed`);
      children = source.slice(i + 1, close).trim();
    }
    elements.push({
      name,
      attributes: parseAttributes(inside),
      children,
      line: source.slice(0, match.index).split('\n').length,
    });
  }
  return elements;
}
