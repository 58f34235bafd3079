/**
 * Work stealing (fact 7): stealWork makes 4 passes over all Ps in a random order (randomOrder:
 * a random start and a stride coprime to GOMAXPROCS, so each P is visited once per pass); timers
 * and the victim's runnext are taken only on the last pass.
 * https://github.com/golang/go/blob/go1.25.0/src/runtime/proc.go
 */
import { STEAL_TRIES } from './constants.ts';
import { nextU32 } from './prng.ts';
import type { World } from './program.ts';
import { runqget, runqsteal, type Found } from './runq.ts';
import type { PRec } from './state.ts';
import { checkTimers, hasDueTimer } from './timers.ts';
import { traceSteal } from './trace.ts';

/** randomOrder.reset: the numbers in 1..count coprime to count. */
export function coprimesOf(count: number): number[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const out: number[] = [];
  for (let i = 1; i <= count; i++) if (gcd(i, count) === 1) out.push(i);
  return out;
}

export function stealWork(w: World, p: PRec, out: Found): boolean {
  const s = w.s;
  const count = s.cfg.gomaxprocs;
  for (let i = 0; i < STEAL_TRIES; i++) {
    const last = i === STEAL_TRIES - 1;
    // randomOrder.start(cheaprand()): start at i % count, stride coprimes[i / count % len].
    // The same numbers without `%` on r: r is a uint32, so V8 takes `r % count` as a float64
    // modulus (a call into C); the quotient is exact (r < 2^32, count ≤ 256).
    const r = nextU32(s.rng);
    const quot = Math.floor(r / count);
    const inc = w.coprimes[quot % w.coprimes.length]!;
    let pos = r - quot * count;
    // randomEnum.next: pos = (pos + inc) % count, with pos < count and inc ≤ count.
    for (let k = 0; k < count; k++, pos = pos + inc >= count ? pos + inc - count : pos + inc) {
      const victim = s.allp[pos]!;
      if (victim === p) continue;
      if (last && hasDueTimer(w, victim) && checkTimers(w, victim, p)) {
        if (runqget(p, out)) return true;
      }
      // idlepMask: an idle P has nothing to steal.
      if (victim.status === '_Pidle') continue;
      const got = runqsteal(s, p, victim, last);
      if (got !== null) {
        s.counters['steals'] = (s.counters['steals'] ?? 0) + 1;
        if (s.trace !== null) traceSteal(s, s.allgs[got.g]!, p.id, got.n, victim.id);
        out.g = got.g;
        out.inheritTime = false;
        return true;
      }
    }
  }
  return false;
}
