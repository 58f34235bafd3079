import { describe, expect, test } from 'vitest';
import { globrunqget, runqget, runqput, runqsteal, type Found } from '../../src/model/runq.ts';
import { findRunnable } from '../../src/model/schedule.ts';
import { coprimesOf } from '../../src/model/steal.ts';
import { NO, globalRunqLen } from '../../src/model/state.ts';
import { newproc } from '../../src/model/proc.ts';
import { prog, simOf } from './helpers.ts';

/** A fresh model with `n` extra Gs created (but not queued anywhere yet): their slot indexes. */
function setup(gomaxprocs: number, n: number) {
  const sim = simOf([prog('main.main', [], 'main'), prog('main.worker', [])], { gomaxprocs });
  const w = sim.world;
  const s = w.s;
  const p0 = s.allp[0]!;
  // Take main out of the picture so the queues start empty.
  p0.runnext = NO;
  const gs: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = newproc(w, p0, 1, null);
    p0.runnext = NO;
    gs.push(g.idx);
  }
  return { sim, w, s, p0, gs };
}

const found = (): Found => ({ g: NO, inheritTime: false });

describe('run queues', () => {
  test('fact 2: runqput(next) puts the G in runnext and moves the old runnext to the tail', () => {
    const { s, p0, gs } = setup(1, 3);
    runqput(s, p0, gs[0]!, false);
    runqput(s, p0, gs[1]!, true);
    runqput(s, p0, gs[2]!, true);
    expect(p0.runnext).toBe(gs[2]);
    expect([p0.runq[0], p0.runq[1]]).toEqual([gs[0], gs[1]]);
    const out = found();
    expect(runqget(p0, out)).toBe(true);
    expect(out).toEqual({ g: gs[2], inheritTime: true });
    expect(runqget(p0, out)).toBe(true);
    expect(out).toEqual({ g: gs[0], inheritTime: false });
  });

  test('facts 1 and 3: a full 256-slot ring sends 128 from its head plus the new G (129) to the global queue', () => {
    const { s, p0, gs } = setup(1, 257);
    for (let i = 0; i < 256; i++) runqput(s, p0, gs[i]!, false);
    expect(p0.runqtail - p0.runqhead).toBe(256);
    expect(globalRunqLen(s)).toBe(0);
    runqput(s, p0, gs[256]!, false);
    expect(globalRunqLen(s)).toBe(129);
    expect(p0.runqtail - p0.runqhead).toBe(128);
    expect(s.runq.slice(s.runqHead)).toEqual([...gs.slice(0, 128), gs[256]]);
    expect(s.allgs[gs[0]!]!.where).toBe('globalq');
  });

  test('fact 5: the global refill takes min(size, size/GOMAXPROCS+1, 128), runs one, queues the rest', () => {
    const { s, gs } = setup(4, 100);
    const p1 = s.allp[1]!;
    for (const g of gs) s.runq.push(g);
    const got = globrunqget(s, p1, 0);
    expect(got).toBe(gs[0]);
    // n = min(100, 100/4 + 1 = 26, 128) = 26: one to run, 25 to P1's local queue.
    expect(p1.runqtail - p1.runqhead).toBe(25);
    expect(globalRunqLen(s)).toBe(74);
  });

  test('fact 5: the refill never takes more than half the local ring (128)', () => {
    const { s, gs } = setup(1, 1000);
    for (const g of gs) s.runq.push(g);
    globrunqget(s, s.allp[0]!, 0);
    expect(s.allp[0]!.runqtail - s.allp[0]!.runqhead).toBe(127);
    expect(globalRunqLen(s)).toBe(1000 - 128);
  });

  test('fact 4: every 61st schedtick findRunnable takes one G from the global queue before the local one', () => {
    const { w, s, p0, gs } = setup(1, 2);
    runqput(s, p0, gs[0]!, false);
    s.runq.push(gs[1]!);
    s.allgs[gs[1]!]!.where = 'globalq';
    const m = s.allm[0]!;
    const out = found();
    p0.schedtick = 122;
    expect(findRunnable(w, p0, m, out)).toBe(true);
    expect(out.g).toBe(gs[1]);
    p0.schedtick = 123;
    s.runq.push(gs[1]!);
    expect(findRunnable(w, p0, m, out)).toBe(true);
    expect(out.g).toBe(gs[0]);
  });

  test('fact 6: findRunnable looks at the local queue (runnext first) before the global queue', () => {
    const { w, s, p0, gs } = setup(1, 3);
    s.runq.push(gs[0]!);
    runqput(s, p0, gs[1]!, false);
    runqput(s, p0, gs[2]!, true);
    p0.schedtick = 1;
    const out = found();
    findRunnable(w, p0, s.allm[0]!, out);
    expect(out).toEqual({ g: gs[2], inheritTime: true });
    findRunnable(w, p0, s.allm[0]!, out);
    expect(out.g).toBe(gs[1]);
    findRunnable(w, p0, s.allm[0]!, out);
    expect(out.g).toBe(gs[0]);
  });

  test('fact 7: runqsteal takes half rounded up, runs the last one taken, queues the rest on the thief', () => {
    const { s, p0, gs } = setup(2, 6);
    for (let i = 0; i < 5; i++) runqput(s, p0, gs[i]!, false);
    runqput(s, p0, gs[5]!, true);
    const thief = s.allp[1]!;
    const got = runqsteal(s, thief, p0, false);
    expect(got).toEqual({ g: gs[2], n: 3 });
    expect([thief.runq[0], thief.runq[1]]).toEqual([gs[0], gs[1]]);
    expect(p0.runqtail - p0.runqhead).toBe(2);
    expect(p0.runnext).toBe(gs[5]);
  });

  test('fact 7: randomOrder strides by a number coprime to GOMAXPROCS, so a pass visits every P once', () => {
    for (const count of [1, 2, 3, 4, 6, 8, 12, 256]) {
      const coprimes = coprimesOf(count);
      for (const inc of coprimes) {
        const seen = new Set<number>();
        for (let k = 0, pos = 5 % count; k < count; k++, pos = (pos + inc) % count) seen.add(pos);
        expect(seen.size).toBe(count);
      }
    }
    expect(coprimesOf(8)).toEqual([1, 3, 5, 7]);
  });

  test("fact 7: the victim's runnext is stolen only when asked (the last pass) and its ring is empty", () => {
    const { s, p0, gs } = setup(2, 1);
    runqput(s, p0, gs[0]!, true);
    const thief = s.allp[1]!;
    expect(runqsteal(s, thief, p0, false)).toBeNull();
    expect(runqsteal(s, thief, p0, true)).toEqual({ g: gs[0], n: 1 });
    expect(p0.runnext).toBe(NO);
  });
});
