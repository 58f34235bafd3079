import { describe, expect, test } from 'vitest';
import { SYSMON_MAX_DELAY_NS, SYSMON_MIN_DELAY_NS } from '../../src/model/constants.ts';
import { wakep } from '../../src/model/m.ts';
import {
  go,
  gosched,
  goyield,
  ms,
  netread,
  prog,
  runToEnd,
  simOf,
  sleep,
  spawnAll,
  spin,
  compute,
  syscall,
  syscallBlock,
  us,
  wgAdd,
  wgWait,
} from './helpers.ts';

describe('preemption and time slices', () => {
  test('facts 9, 10, 12: with async preemption a call-free loop is preempted 10-20ms into its slice', () => {
    const programs = spawnAll([
      prog('main.spinA', [spin(200 * ms)]),
      prog('main.spinB', [spin(200 * ms)]),
    ]);
    const sim = simOf(programs, { traceCapacity: 100_000 });
    runToEnd(sim);
    const preempts = sim.trace().filter((e) => e.kind === 'preempt');
    expect(preempts.length).toBeGreaterThan(10);
    // Between two preemptions of the lone P the slice lasted one or two sysmon periods.
    const gaps = preempts.slice(1).map((e, i) => e.tNs - preempts[i]!.tNs);
    for (const gap of gaps.slice(5)) {
      expect(gap).toBeGreaterThanOrEqual(10 * ms);
      expect(gap).toBeLessThanOrEqual(20 * ms + 1 * us);
    }
  });

  test('facts 12, B7: with cooperative preemption only (before Go 1.14) a call-free loop runs to its end', () => {
    const programs = spawnAll([
      prog('main.spinA', [spin(100 * ms)]),
      prog('main.spinB', [spin(100 * ms)]),
    ]);
    const sim = simOf(programs, { asyncPreempt: false, traceCapacity: 100_000 });
    runToEnd(sim);
    const schedules = sim.trace().filter((e) => e.kind === 'schedule' && e.text.includes('runs G'));
    const starts = schedules.map((e) => e.tNs);
    // spinB starts only when spinA's 100ms loop is over.
    expect(starts.some((t) => t >= 100 * ms && t < 101 * ms)).toBe(true);
    expect(starts.filter((t) => t > 1 * ms && t < 100 * ms)).toEqual([]);
  });

  test('fact 12: a loop that makes calls is preempted even without async preemption', () => {
    const programs = spawnAll([
      prog('main.a', [compute(100 * ms)]),
      prog('main.b', [compute(100 * ms)]),
    ]);
    const sim = simOf(programs, { asyncPreempt: false });
    runToEnd(sim);
    expect(sim.counters()['preemptions']).toBeGreaterThan(5);
  });

  test('fact 13: a preempted G goes to the global queue', () => {
    const programs = spawnAll([prog('main.a', [spin(50 * ms)]), prog('main.b', [spin(50 * ms)])]);
    const sim = simOf(programs, { traceCapacity: 100_000 });
    runToEnd(sim);
    const preempt = sim.trace().find((e) => e.kind === 'preempt')!;
    expect(preempt.to?.kind).toBe('globalq');
  });

  test('fact 13: Gosched sends the G to the global queue, goyield to the tail of the local queue', () => {
    const sim = simOf(spawnAll([prog('main.y', [gosched(), compute(1 * us)])]), {
      traceCapacity: 1000,
    });
    runToEnd(sim);
    expect(sim.trace().find((e) => e.text.includes('Gosched'))!.to!.kind).toBe('globalq');
    const y = simOf(spawnAll([prog('main.y', [goyield(), compute(1 * us)])]), {
      traceCapacity: 1000,
    });
    runToEnd(y);
    expect(y.trace().find((e) => e.text.includes('goyield'))!.to!.kind).toBe('localq');
  });

  test('fact 9: Gs run through runnext share one time slice (execute(inheritTime) keeps schedtick)', () => {
    // main spawns a chain of short Gs: each runs from runnext after main parks, schedtick stays put.
    const workers = Array.from({ length: 5 }, (_, i) => prog(`main.w${i}`, [compute(1 * us)]));
    const sim = simOf(spawnAll(workers), { traceCapacity: 1000 });
    runToEnd(sim);
    const inherited = sim
      .trace()
      .filter((e) => e.kind === 'schedule' && e.text.includes('inherits'));
    expect(inherited.length).toBeGreaterThan(0);
    expect(sim.state.allp[0]!.schedtick).toBeLessThan(sim.counters()['schedules']!);
  });

  test('fact 10: sysmon sleeps 20µs, doubles after 50 idle rounds, and settles at 10ms', () => {
    const sim = simOf(spawnAll([prog('main.a', [spin(300 * ms)])]));
    const delays: number[] = [];
    while (sim.step()) {
      const d = sim.state.sysmonDelay;
      if (delays.at(-1) !== d) delays.push(d);
    }
    expect(delays[0]).toBe(SYSMON_MIN_DELAY_NS);
    expect(delays).toEqual(
      [20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10_000].map((x) => x * us),
    );
    expect(delays.at(-1)).toBe(SYSMON_MAX_DELAY_NS);
  });
});

describe('syscalls, netpoller, threads', () => {
  test('fact 14: a syscall shorter than one sysmon tick keeps its P (exitsyscallfast), no hand-off', () => {
    const sim = simOf(spawnAll([prog('main.s', [syscall(5 * us), compute(1 * us)])]));
    runToEnd(sim);
    expect(sim.counters()['handoffs']).toBe(0);
    expect(sim.state.allm.length).toBe(1);
  });

  test('fact 14: sysmon retakes the P of a long syscall when other work waits, and another M runs it', () => {
    const sim = simOf(
      spawnAll([prog('main.s', [syscall(50 * ms)]), prog('main.c', [compute(20 * ms)])]),
      {
        traceCapacity: 10_000,
      },
    );
    runToEnd(sim);
    expect(sim.counters()['handoffs']).toBeGreaterThanOrEqual(1);
    expect(sim.state.allm.length).toBeGreaterThanOrEqual(2);
    // main.c ran while main.s sat in its syscall, not after.
    const cExit = sim.trace().find((e) => e.kind === 'exit' && e.g === 6)!;
    expect(cExit.tNs).toBeLessThan(50 * ms);
  });

  test('fact 14: back from a syscall with no P free, the G goes to the global queue and the M parks', () => {
    const sim = simOf(
      spawnAll([
        prog('main.s', [syscall(30 * ms), compute(1 * us)]),
        prog('main.c', [compute(60 * ms)]),
      ]),
      {
        traceCapacity: 10_000,
      },
    );
    runToEnd(sim);
    const exit = sim.trace().find((e) => e.kind === 'syscall-exit')!;
    expect(exit.to?.kind).toBe('globalq');
    expect(sim.trace().some((e) => e.kind === 'm-park' && e.tNs === exit.tNs)).toBe(true);
  });

  test('fact 14: entersyscallblock hands the P off at once, without waiting for sysmon', () => {
    const sim = simOf(
      spawnAll([prog('main.b', [syscallBlock(5 * ms)]), prog('main.c', [compute(1 * ms)])]),
      {
        traceCapacity: 10_000,
      },
    );
    runToEnd(sim);
    const handoff = sim.trace().find((e) => e.kind === 'handoff')!;
    const enter = sim.trace().find((e) => e.kind === 'syscall-enter')!;
    expect(handoff.tNs).toBe(enter.tNs);
    expect(sim.trace().find((e) => e.kind === 'exit' && e.g === 6)!.tNs).toBeLessThan(5 * ms);
  });

  test('fact 11: with every P busy, sysmon polls the network once nobody has for 10ms', () => {
    const sim = simOf(
      spawnAll([prog('main.spin', [spin(100 * ms)]), prog('main.reader', [netread(1 * ms)])]),
      {
        traceCapacity: 100_000,
      },
    );
    runToEnd(sim);
    const polled = sim.trace().find((e) => e.kind === 'netpoll')!;
    expect(polled.tNs).toBeGreaterThan(10 * ms);
    expect(polled.tNs).toBeLessThan(12 * ms);
  });

  // proc.go's sysmon: with every P idle it sets sched.sysmonwait and sleeps until the next timer
  // (timeSleepUntil), at most forcegcperiod/2; only a syscall (or startTheWorld) wakes it early.
  test('fact 10: sysmon asleep in sysmonwait is not woken by a netpoll wake-up: the woken spinners run unpreempted', () => {
    const reader = (name: string) => prog(name, [netread(5 * ms), spin(100 * ms)]);
    const sim = simOf(spawnAll([reader('main.a'), reader('main.b')]), { traceCapacity: 100_000 });
    sim.runUntil(4 * ms);
    expect(sim.state.sysmonWait).toBe(true);
    runToEnd(sim);
    // One P, two 100ms spinners: the second starts only when the first is done.
    expect(sim.trace().filter((e) => e.kind === 'preempt')).toHaveLength(0);
    expect(sim.nowNs).toBeGreaterThan(205 * ms);
  });

  test('fact 10: sysmon asleep in sysmonwait wakes at the next timer, keeps its long sleeps, and preempts again', () => {
    // 3ms of spinning first stretch sysmon's sleeps past 20µs (50 idle rounds, then doubling).
    const worker = (name: string) => prog(name, [spin(3 * ms), sleep(5 * ms), spin(100 * ms)]);
    const sim = simOf(spawnAll([worker('main.a'), worker('main.b')]), { traceCapacity: 100_000 });
    sim.runUntil(7 * ms);
    expect(sim.state.sysmonWait).toBe(true);
    const delay = sim.state.sysmonDelay;
    expect(delay).toBeGreaterThan(SYSMON_MIN_DELAY_NS);
    // G a's timer is due just after 8ms.
    sim.runUntil(8.5 * ms);
    expect(sim.state.sysmonWait).toBe(false);
    // A timer wake-up resets nothing: the sleeps go on doubling.
    expect(sim.state.sysmonDelay).toBe(2 * delay);
    runToEnd(sim);
    const preempts = sim.trace().filter((e) => e.kind === 'preempt');
    expect(preempts.length).toBeGreaterThan(5);
    expect(preempts[0]!.tNs).toBeLessThan(8 * ms + 21 * ms);
  });

  test('fact 10: a syscall wakes sysmon from sysmonwait and resets its sleep to 20µs', () => {
    const sim = simOf(spawnAll([prog('main.a', [spin(3 * ms), netread(5 * ms), syscall(2 * ms)])]));
    sim.runUntil(7 * ms);
    expect(sim.state.sysmonWait).toBe(true);
    expect(sim.state.sysmonDelay).toBeGreaterThan(SYSMON_MIN_DELAY_NS);
    while (sim.state.inSyscall === 0) sim.step();
    expect(sim.state.sysmonWait).toBe(false);
    expect(sim.state.sysmonDelay).toBe(SYSMON_MIN_DELAY_NS);
  });

  test('fact 15: goroutines waiting on the network hold no M', () => {
    const workers = Array.from({ length: 500 }, (_, i) => prog(`main.n${i}`, [netread(20 * ms)]));
    const sim = simOf(spawnAll(workers), { gomaxprocs: 4 });
    let maxIoWait = 0;
    while (sim.step()) maxIoWait = Math.max(maxIoWait, sim.state.netWaiters);
    expect(maxIoWait).toBeGreaterThan(400);
    expect(sim.state.allm.length).toBeLessThanOrEqual(5);
    expect(sim.fatal).toBeNull();
  });

  test('fact 16: more than maxmcount threads is fatal: thread exhaustion', () => {
    const workers = Array.from({ length: 40 }, (_, i) => prog(`main.s${i}`, [syscall(100 * ms)]));
    const sim = simOf(spawnAll(workers), { gomaxprocs: 2, maxmcount: 10 });
    runToEnd(sim);
    expect(sim.fatal).toBe(
      'runtime: program exceeds 10-thread limit\nfatal error: thread exhaustion',
    );
  });

  test('fact 8: wakep starts no second spinning M while one spins', () => {
    const sim = simOf([prog('main.main', [compute(1 * ms)], 'main')], { gomaxprocs: 4 });
    sim.step();
    const before = sim.state.nmspinning;
    wakep(sim.world);
    expect(sim.state.nmspinning).toBe(before + 1);
    const ms0 = sim.state.allm.length;
    wakep(sim.world);
    expect(sim.state.nmspinning).toBe(before + 1);
    expect(sim.state.allm.length).toBe(ms0);
  });

  test('fact 8: at most half of the busy Ps have a spinning M', () => {
    const workers = Array.from({ length: 64 }, (_, i) =>
      prog(`main.w${i}`, [compute(2 * ms), sleep(1 * ms), compute(1 * ms)]),
    );
    const sim = simOf(spawnAll(workers), { gomaxprocs: 8 });
    while (sim.step()) {
      const s = sim.state;
      const busy = s.cfg.gomaxprocs - s.pidle.length;
      // An M counts itself spinning before the check; the cap holds as "2*(nmspinning-1) < busy".
      expect(2 * (s.nmspinning - 1)).toBeLessThanOrEqual(Math.max(busy, 1));
    }
  });
});

describe('goroutine lifecycle', () => {
  test('fact 22: main is goroutine 1, user goroutines start after the runtime’s own (5), batches of 16 per P', () => {
    const sim = simOf(
      spawnAll([prog('main.a', [compute(1 * us)]), prog('main.b', [compute(1 * us)])]),
      { traceCapacity: 100 },
    );
    runToEnd(sim);
    const created = sim
      .trace()
      .filter((e) => e.kind === 'go')
      .map((e) => e.g);
    expect(created).toEqual([1, 5, 6]);
  });

  test('fact 22: a G spawned on another P takes its id from that P’s own batch of 16', () => {
    const spawner = prog('main.spawner', [compute(1 * ms), go(3), wgAdd(0)]);
    const child = prog('main.child', [compute(1 * us)]);
    const main = prog('main.main', [go(1), compute(5 * ms)], 'main');
    const sim = simOf([main, spawner, prog('main.unused', []), child], {
      gomaxprocs: 2,
      traceCapacity: 1000,
    });
    runToEnd(sim);
    const ids = sim
      .trace()
      .filter((e) => e.kind === 'go')
      .map((e) => e.g);
    expect(ids.slice(0, 2)).toEqual([1, 5]);
    // The child is created on P1 (the spawner was stolen there): a fresh batch 17..32.
    expect(ids[2]).toBe(17);
  });

  test('fact 22: dead G structs are reused through the free lists', () => {
    const workers = Array.from({ length: 300 }, (_, i) => prog(`main.w${i}`, [compute(10 * us)]));
    // main sleeps after each go, so each worker runs and dies before the next is created.
    const main = prog(
      'main.main',
      [wgAdd(300), ...workers.flatMap((_, i) => [go(i + 1), sleep(50 * us)]), wgWait()],
      'main',
    );
    const sim = simOf([main, ...workers.map((w) => ({ ...w, ops: [...w.ops, wgAdd(-1)] }))]);
    runToEnd(sim);
    expect(sim.fatal).toBeNull();
    expect(sim.state.allgs.length).toBeLessThanOrEqual(2);
  });

  test('section D: a woken G goes to the waker’s runnext', () => {
    const sim = simOf(spawnAll([prog('main.a', [compute(1 * ms)])]), { traceCapacity: 1000 });
    runToEnd(sim);
    const ready = sim.trace().find((e) => e.kind === 'ready' && e.g === 1)!;
    expect(ready.to?.kind).toBe('runnext');
  });

  test('fact 26: goroutines parked with nothing to wake them: all goroutines are asleep - deadlock!', () => {
    const sim = simOf([prog('main.main', [wgAdd(1), wgWait()], 'main')]);
    runToEnd(sim);
    expect(sim.fatal).toBe('fatal error: all goroutines are asleep - deadlock!');
  });

  test('main returning ends the program even with goroutines still running', () => {
    const sim = simOf([
      prog('main.main', [go(1), compute(1 * ms)], 'main'),
      prog('main.forever', [sleep(1000 * ms)]),
    ]);
    runToEnd(sim);
    expect(sim.fatal).toBeNull();
    expect(sim.nowNs).toBeLessThan(2 * ms);
  });

  test('fact 25: the dump names each goroutine, its wait reason and its creator', () => {
    const sim = simOf(spawnAll([prog('main.sleeper', [sleep(10 * ms)], 'worker')]));
    sim.runUntil(1 * ms);
    const dump = sim.dump();
    expect(dump).toContain('goroutine 1 [sync.WaitGroup.Wait]:');
    expect(dump).toContain('goroutine 5 [sleep]:');
    expect(dump).toContain('created by main.main in goroutine 1');
  });
});
