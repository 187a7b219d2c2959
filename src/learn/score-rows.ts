// Cached score rows of many keys (word types, tag groups) in one Int32Array.
// A Map to one small Int32Array per key costs ~150 bytes of V8 heap per key
// beside its scores (the typed array, its buffer, a native backing store),
// and V8 lets the old space grow to a multiple of what is live; here a key
// costs one Map entry, and its `width` integers sit in a shared buffer.

export class ScoreRows<K> {
  private readonly index = new Map<K, number>();
  private buffer: Int32Array;

  /** At most `limit` keys are kept; reserve() empties the cache when full. */
  constructor(
    readonly width: number,
    readonly limit: number,
    initialRows = 1024,
  ) {
    this.buffer = new Int32Array(Math.min(initialRows, limit) * width);
  }

  /** Row r of a key is rows[r .. r + width). Replaced when add() grows it: read it after the adds. */
  get rows(): Int32Array {
    return this.buffer;
  }

  get size(): number {
    return this.index.size;
  }

  /** The offset of key's row in `rows`, or -1. */
  offset(key: K): number {
    return this.index.get(key) ?? -1;
  }

  /**
   * Makes room for `n` more keys, emptying the cache if they would not fit
   * under the limit. Offsets from before are invalid after it: call it where
   * none are in use (before a sentence, not within one).
   */
  reserve(n: number): void {
    if (this.index.size + n > this.limit) this.index.clear();
  }

  /** A row for a new key (zeroed only when fresh memory): its offset, for the caller to fill. */
  add(key: K): number {
    const at = this.index.size * this.width;
    if (at + this.width > this.buffer.length) {
      // Growth by half, not doubling: less memory held beyond what is used.
      const rows = Math.max(this.index.size + 1, Math.min(this.limit, Math.ceil((this.buffer.length / this.width) * 1.5)));
      const bigger = new Int32Array(rows * this.width);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.index.set(key, at);
    return at;
  }

  /** A row for a new key holding `parts` one after another from its start (the rest left to the caller): its offset. */
  addScores(key: K, parts: readonly ArrayLike<number>[]): number {
    const at = this.add(key);
    let to = at;
    for (const part of parts) {
      this.buffer.set(part, to);
      to += part.length;
    }
    return at;
  }
}

/**
 * Cached score rows keyed by dense word-type ids (word-types.ts): the id
 * indexes an offset table, so a lookup is two array reads. Rows are kept
 * for one generation of ids; use() with another empties the cache.
 */
export class TypeRows {
  /** Per id: its row's offset + 1, or 0. */
  private at = new Int32Array(1024);
  private buffer: Int32Array;
  private count = 0;
  private gen = -1;

  constructor(readonly width: number) {
    this.buffer = new Int32Array(1024 * width);
  }

  /** Row of an id is rows[offset .. offset + width). Replaced when add() grows it: read it after the adds. */
  get rows(): Int32Array {
    return this.buffer;
  }

  get size(): number {
    return this.count;
  }

  /** Keys the cache to ids of `generation`, emptying it if it held another's. */
  use(generation: number): void {
    if (generation === this.gen) return;
    this.at.fill(0);
    this.count = 0;
    this.gen = generation;
  }

  /** The offset of id's row in `rows`, or -1. */
  offset(id: number): number {
    return id < this.at.length ? (this.at[id] as number) - 1 : -1;
  }

  /** A row for a new id holding `parts` one after another from its start (the rest left to the caller): its offset. */
  addScores(id: number, parts: readonly ArrayLike<number>[]): number {
    if (id >= this.at.length) {
      const bigger = new Int32Array(Math.max(id + 1, Math.ceil(this.at.length * 1.5)));
      bigger.set(this.at);
      this.at = bigger;
    }
    const at = this.count * this.width;
    if (at + this.width > this.buffer.length) {
      const bigger = new Int32Array(Math.max(at + this.width, Math.ceil((this.buffer.length / this.width) * 1.5) * this.width));
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.count++;
    this.at[id] = at + 1;
    let to = at;
    for (const part of parts) {
      this.buffer.set(part, to);
      to += part.length;
    }
    return at;
  }
}
