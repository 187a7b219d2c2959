// 32-bit feature hashing. Features are hashed to unsigned ints once, so the
// weight lookup never builds or compares strings; 0 is reserved for "empty"
// in the open-addressing tables, so no hash is ever 0.

/** FNV-1a over the UTF-16 code units of `s` (Fowler–Noll–Vo, public domain). */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalize(h);
}

/** Combines two hashes (e.g. a template id and a value hash) into one. */
export function combineHash(a: number, b: number): number {
  return finalize(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b);
}

/** Murmur3's fmix32 avalanche, mapping 0 to a fixed non-zero value. */
function finalize(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h >>>= 0;
  return h === 0 ? 0x5bd1e995 : h;
}

/** Open-addressing uint32 → int32 map on typed arrays (no per-entry objects). */
export class HashIndex {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === key) return this.vals[i] as number;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Slot of `key`, inserting it with value `init` when absent. */
  private slot(key: number, init: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    let i = key & mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === key) return i;
      if (k === 0) {
        keys[i] = key;
        this.vals[i] = init;
        this.size++;
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  set(key: number, value: number): void {
    this.vals[this.slot(key, value)] = value;
  }

  /** Adds `by` to the value of `key` (0 when absent) and returns the new value. */
  increment(key: number, by = 1): number {
    const i = this.slot(key, 0);
    const v = (this.vals[i] as number) + by;
    this.vals[i] = v;
    return v;
  }

  forEach(fn: (key: number, value: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i] as number;
      if (k !== 0) fn(k, this.vals[i] as number);
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== 0) this.vals[this.slot(k, 0)] = oldVals[i] as number;
    }
  }
}
