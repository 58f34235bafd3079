/**
 * Records by id, for ids that only grow (channels, timers, contexts), as plain data so a
 * checkpoint (`structuredClone`) copies it like the rest of the state.
 *
 * Why not a Map: a long run makes millions of these records, each living a few seconds, so the
 * table holds thousands while its ids keep climbing. V8's Map pays for that churn: a delete plus
 * a set costs ~86 ns with 500 live entries but ~505 ns with 5,000 and ~593 ns with 50,000
 * (measured on the shared 2-core machine); at 1,000 qps `makeChan` alone cost ~750 ns per engine
 * event. Here: open addressing with linear probing, at most three quarters full; the home slot is a
 * Fibonacci hash of the id, which spreads consecutive ids over the table (with `id & mask` a
 * window of consecutive ids is one long cluster, and every delete walked it); a delete shifts the
 * rest of its probe run back, so there are no tombstones to sweep.
 */

/** Marks a free slot: the largest Uint32, above every id a table takes. */
const EMPTY = 0xffff_ffff;
const INITIAL_CAPACITY = 64;

export interface IdTable<T> {
  /**
   * The id in each slot, or EMPTY. A typed array of 4-byte ids (a day at 5,000 requests per
   * second makes ~1.3 billion): a leaking run's tables reach millions of slots, and a plain array
   * that size took ~90 ns a slot to make and fill (6.8% of a 5-minute profile) and 8 bytes a slot.
   */
  keys: Uint32Array;
  /** The record in each slot whose key is set; other slots are holes or null, never read. */
  vals: (T | null)[];
  /** Slot count - 1 (a power of two minus one). */
  mask: number;
  /** Live entries. */
  size: number;
}

export function newIdTable<T>(capacity = INITIAL_CAPACITY): IdTable<T> {
  return {
    keys: new Uint32Array(capacity).fill(EMPTY),
    vals: new Array<T | null>(capacity),
    mask: capacity - 1,
    size: 0,
  };
}

/** Fibonacci hashing: the top bits of id × 2^32/φ (Knuth 6.4). */
function home(id: number, mask: number): number {
  return Math.imul(id, 0x9e3779b1) >>> Math.clz32(mask);
}

function slotOf<T>(t: IdTable<T>, id: number): number {
  const keys = t.keys;
  for (let i = home(id, t.mask); ; i = (i + 1) & t.mask) {
    const k = keys[i] as number;
    if (k === id) return i;
    if (k === EMPTY) return -1;
  }
}

export function idGet<T>(t: IdTable<T>, id: number): T | undefined {
  const i = slotOf(t, id);
  return i < 0 ? undefined : (t.vals[i] as T);
}

export function idHas<T>(t: IdTable<T>, id: number): boolean {
  return slotOf(t, id) >= 0;
}

export function idSet<T>(t: IdTable<T>, id: number, value: T): void {
  if (!Number.isSafeInteger(id) || id < 0 || id >= EMPTY)
    throw new RangeError(`id ${id} is not a whole number in [0, ${EMPTY})`);
  const keys = t.keys;
  for (let i = home(id, t.mask); ; i = (i + 1) & t.mask) {
    const k = keys[i];
    if (k === id) {
      t.vals[i] = value;
      return;
    }
    if (k === EMPTY) {
      keys[i] = id;
      t.vals[i] = value;
      t.size++;
      // At most three quarters full: probe runs stay short, since the Fibonacci hash spreads the
      // ids evenly, and a leak's tables of millions of records cost half what they would at half
      // full (5 minutes of the 1,000 qps leak: 877 -> 807 B per goroutine).
      if (4 * t.size > 3 * keys.length) grow(t);
      return;
    }
  }
}

/** Removes `id`; false if it was not there. */
export function idDelete<T>(t: IdTable<T>, id: number): boolean {
  let hole = slotOf(t, id);
  if (hole < 0) return false;
  const { keys, vals, mask } = t;
  // Backward-shift deletion (Knuth 6.4, Algorithm R): move up every later entry of the probe run
  // whose home slot does not lie cyclically in (hole, j].
  for (let j = (hole + 1) & mask; keys[j] !== EMPTY; j = (j + 1) & mask) {
    const h = home(keys[j] as number, mask);
    const stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
    if (stays) continue;
    keys[hole] = keys[j] as number;
    vals[hole] = vals[j] as T | null;
    hole = j;
  }
  keys[hole] = EMPTY;
  vals[hole] = null;
  t.size--;
  return true;
}

function grow<T>(t: IdTable<T>): void {
  const { keys, vals } = t;
  const bigger = newIdTable<T>(2 * keys.length);
  t.keys = bigger.keys;
  t.vals = bigger.vals;
  t.mask = bigger.mask;
  t.size = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    if (k !== EMPTY) idSet(t, k, vals[i] as T);
  }
}

/** The live records, in slot order (for sums and scans that do not depend on order). */
export function idValues<T>(t: IdTable<T>): T[] {
  const out: T[] = [];
  for (let i = 0; i < t.keys.length; i++) if (t.keys[i] !== EMPTY) out.push(t.vals[i] as T);
  return out;
}
