// Word clusters (`word<TAB>bitpath` lines, see scripts/build-ner-clusters.ts)
// kept as the file's bytes plus an open-addressing table of line offsets: a
// Map of 50k word → path strings was ~9 MB of live heap (every MB of which
// costs V8 a few more of headroom), the bytes and table are ~1.7 MB outside it.

/** Word → Brown-style bit-string cluster path. */
export interface ClusterLookup {
  get(word: string): string | undefined;
}

const TAB = 9;
const NEWLINE = 10;
const LONE_SURROGATE = /\p{Cs}/u;

/** FNV-1a over bytes [start, end). */
function fnv(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

export class WordClusters implements ClusterLookup {
  private readonly bytes: Buffer;
  /** Line start + 1 of each word's line (0: empty slot), by hash of the word's bytes. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    const bytes = this.bytes;
    let lines = 1;
    for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) lines++;
    let capacity = 1024;
    while (capacity < 2 * lines) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let size = 0;
    for (let start = 0; start < bytes.length; ) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      // As the Map this replaces: comment lines skipped, the word before the first tab, a repeated word's last line kept.
      if (end > start && bytes[start] !== 0x23 /* # */) {
        const tab = bytes.indexOf(TAB, start);
        if (tab > start && tab < end) {
          const slot = this.find(bytes, start, tab);
          if (this.slots[slot] === 0) size++;
          this.slots[slot] = start + 1;
        }
      }
      start = end + 1;
    }
    this.size = size;
  }

  /** The slot holding the word bytes[from, to), or the empty slot where it would go. */
  private find(word: Uint8Array, from: number, to: number): number {
    const bytes = this.bytes;
    const n = to - from;
    for (let slot = fnv(word, from, to) & this.mask; ; slot = (slot + 1) & this.mask) {
      const line = (this.slots[slot] as number) - 1;
      if (line < 0) return slot;
      if (bytes[line + n] !== TAB) continue;
      let same = true;
      for (let k = 0; k < n && same; k++) same = bytes[line + k] === word[from + k];
      if (same) return slot;
    }
  }

  get(word: string): string | undefined {
    // No file word holds a tab or an unpaired surrogate (which UTF-8 would turn into U+FFFD).
    if (word.includes('\t') || LONE_SURROGATE.test(word)) return undefined;
    const key = Buffer.from(word, 'utf8');
    if (key.length === 0) return undefined;
    const line = (this.slots[this.find(key, 0, key.length)] as number) - 1;
    if (line < 0) return undefined;
    const start = line + key.length + 1;
    let end = this.bytes.indexOf(NEWLINE, start);
    if (end < 0) end = this.bytes.length;
    return this.bytes.toString('utf8', start, end);
  }
}
