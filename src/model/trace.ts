/**
 * A bounded ring of trace events for renderers and the transcript. Recording is skipped entirely
 * when the capacity is 0 (bench and CLI runs), so the hot path pays one comparison.
 */
import type { GPlace, TraceEvent } from '../scenarios/types.ts';
import { globalRunqLen, type Sched } from './state.ts';

type Kind = TraceEvent['kind'];

export interface TraceFields {
  g?: number;
  p?: number;
  m?: number;
  from?: GPlace;
  to?: GPlace;
}

export function tracing(s: Sched): boolean {
  return s.cfg.traceCapacity > 0;
}

/** Records one event; callers check `tracing(s)` first so the text is only built when needed. */
export function emit(s: Sched, kind: Kind, text: string, fields: TraceFields = {}): void {
  const cap = s.cfg.traceCapacity;
  if (cap === 0) return;
  const seq = ++s.traceSeq;
  // Every field named, not spread: a spread of differently shaped `fields` objects was the
  // costliest line of a traced run; a key left undefined is dropped by JSON and never read.
  s.trace[seq % cap] = {
    seq,
    tNs: s.now,
    kind,
    text,
    g: fields.g,
    p: fields.p,
    m: fields.m,
    from: fields.from,
    to: fields.to,
  };
}

/** Events with seq > afterSeq still in the ring, oldest first. */
export function traceSince(s: Sched, afterSeq: number): TraceEvent[] {
  const cap = s.cfg.traceCapacity;
  if (cap === 0) return [];
  const first = Math.max(afterSeq + 1, s.traceSeq - cap + 1, 1);
  const out: TraceEvent[] = [];
  for (let seq = first; seq <= s.traceSeq; seq++) {
    const ev = s.trace[seq % cap];
    if (ev !== undefined && ev.seq === seq) out.push(ev);
  }
  return out;
}

/**
 * The public place of G slot `gi`. A G taken off a queue keeps its `where` until it is put
 * somewhere else: its index is then the local queue's length, or 0 in the global queue.
 */
export function placeOf(s: Sched, gi: number): GPlace {
  const g = s.allgs[gi]!;
  switch (g.where) {
    case 'running': {
      const p = s.allp[g.at]!;
      return { kind: 'running', p: p.id, m: p.m };
    }
    case 'runnext':
      return { kind: 'runnext', p: g.at };
    case 'localq': {
      const p = s.allp[g.at]!;
      const index = g.runqpos >= p.runqhead ? g.runqpos - p.runqhead : p.runqtail - p.runqhead;
      return { kind: 'localq', p: g.at, index };
    }
    case 'globalq': {
      const taken = s.runqPuts - globalRunqLen(s);
      return { kind: 'globalq', index: g.runqpos >= taken ? g.runqpos - taken : 0 };
    }
    case 'waiting':
      return { kind: 'waiting', reason: g.waitReason };
    case 'syscall':
      return { kind: 'syscall', m: g.at };
    case 'netpoll':
      return { kind: 'netpoll' };
    case 'dead':
      return { kind: 'dead' };
  }
}

/** `durations in the runtime's words` for transcript sentences: 10ms, 250µs, 108ns. */
export function fmtNs(ns: number): string {
  if (ns >= 1_000_000) return `${+(ns / 1_000_000).toFixed(3)}ms`;
  if (ns >= 1_000) return `${+(ns / 1_000).toFixed(3)}µs`;
  return `${ns}ns`;
}
