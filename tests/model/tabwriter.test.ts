import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tabAligned } from '../../src/model/tabwriter';
import { formatGoroutineProfile } from '../../src/model/traceback';

/** A real `debug=1` goroutine profile (go1.19.8), as runtime/pprof's tabwriter printed it. */
const real = readFileSync(
  new URL('../../src/dump-reader/samples/three-leaks.debug1.txt', import.meta.url),
  'utf8',
);

/** Where the last cell of a line starts on screen, tabs expanded to stops of 8. */
function lastCellColumn(line: string): number {
  let col = 0;
  const cells = line.split('\t');
  for (const cell of cells.slice(0, -1)) col = (Math.floor((col + cell.length) / 8) + 1) * 8;
  return col;
}

describe('text/tabwriter as runtime/pprof uses it', () => {
  it("reproduces a real profile's padding from one tab per cell", () => {
    const oneTab = real.split('\n').map((line) => line.replace(/\t+/g, '\t'));
    expect(oneTab.join('\n')).not.toBe(real); // the sample does pad with several tabs
    expect(tabAligned(oneTab).join('\n')).toBe(real);
  });

  it("lines up each stack's file:line column in the model's profiles", () => {
    const frames = [
      { func: 'time.Sleep', args: '', file: '/usr/local/go/src/runtime/time.go', line: 195 },
      {
        func: 'net/http.(*timeoutHandler).ServeHTTP.func1',
        args: '',
        file: '/usr/local/go/src/net/http/server.go',
        line: 3407,
      },
    ];
    const text = formatGoroutineProfile({
      total: 3,
      groups: [{ count: 3, frames, first: { id: 18 } }],
    });
    const rows = text.split('\n').filter((l) => l.startsWith('#'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('time.Sleep+0x');
    expect(rows[0]).toMatch(/\t\t\t\/usr\/local\/go\/src\/runtime\/time\.go:195$/);
    expect(new Set(rows.map(lastCellColumn)).size).toBe(1);
  });
});
