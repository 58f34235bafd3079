/**
 * Chapter 5's account of Go's goroutine leak profile, against the profile a real build printed
 * for the site's leaks (tests/fixtures/goroutineleak: go1.26.10 with
 * GOEXPERIMENT=goroutineleakprofile, go1.27.3 where it is on by default). It reports a goroutine
 * only when nothing reachable could wake it: the abandoned select worker, the stopped ticker's
 * loop and the two `select {}`, not the callers parked on a global Once's mutex, the AfterFunc
 * functions blocked on a global channel, sleepers or a socket read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `debug=1` groups: count and innermost function of each (the runtime's frames are not listed). */
function groups(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let count = 0;
  let innermost = true;
  for (const line of text.split('\n')) {
    const head = /^(\d+) @/.exec(line);
    if (head) {
      count = Number(head[1]);
      innermost = true;
      continue;
    }
    const frame = /^#\t0x[0-9a-f]+\t(\S+)\+0x/.exec(line);
    if (frame && innermost) {
      out.set(frame[1]!, (out.get(frame[1]!) ?? 0) + count);
      innermost = false;
    }
  }
  return out;
}

describe.each(['go1.26.10', 'go1.27.3'])('the goroutineleak profile of %s', (release) => {
  const text = readFileSync(
    new URL(`../fixtures/goroutineleak-${release}.txt`, import.meta.url),
    'utf8',
  );
  const [leakText = '', allText = ''] = text.split('\n===== goroutine\n');
  const leaked = groups(leakText);
  const all = groups(allText);

  it('reports the goroutines nothing reachable can wake, and nothing else', () => {
    expect(leakText).toMatch(/^goroutineleak profile: total 9\n/);
    expect(Object.fromEntries(leaked)).toEqual({
      'main.lookupWithTimeout.func1': 4,
      'main.(*Refresher).loop': 3,
      'main.ship': 1,
      'main.loadFromRemote': 1,
    });
  });

  it('leaves out the Once callers, the blocked AfterFunc functions, sleepers and socket reads', () => {
    // They are all there in the goroutine profile of the same moment.
    expect(all.get('internal/sync.runtime_SemacquireMutex')).toBe(4);
    // 6 AfterFunc functions fired: ship took one report, the buffer holds two, 3 wait to send.
    expect(all.get('main.main.func2')).toBe(3);
    expect(all.get('time.Sleep')).toBe(7);
    expect(all.get('internal/poll.runtime_pollWait')).toBeGreaterThanOrEqual(1);
    for (const name of ['internal/sync.runtime_SemacquireMutex', 'main.main.func2', 'time.Sleep'])
      expect(leaked.has(name)).toBe(false);
  });
});
