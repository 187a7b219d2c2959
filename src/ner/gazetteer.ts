// Multi-word gazetteer matching over tokens. Entries are token sequences
// (built offline by scripts/build-ner-gazetteer.ts from npm data; see
// models/ner/gazetteer.tsv for sources). Matches become features, never
// entities by themselves.

export interface GazetteerMatch {
  readonly kind: string;
  readonly start: number;
  /** Exclusive token index. */
  readonly end: number;
}

/** Normalises a token for lookup: case-folded, curly apostrophes straightened. */
export function gazetteerKey(token: string): string {
  const lower = token.toLowerCase();
  return lower.includes('’') || lower.includes('‘') ? lower.replace(/[’‘]/g, "'") : lower;
}

export class Gazetteer {
  /** Joined key ("new york") → kinds; prefixes are stored with an empty list. */
  private readonly entries = new Map<string, readonly string[]>();
  /**
   * One shared list per distinct kinds list (a dozen for 31k entries): a
   * list of its own per entry, grown by push, was ~180 bytes each, 5 MB of
   * live heap in all.
   */
  private readonly lists = new Map<string, readonly string[]>();
  /** Keys that occur after the first token of some entry: no entry continues with any other. */
  private readonly laterKeys = new Set<string>();
  private maxLength = 1;

  add(kind: string, tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    const keys = tokens.map(gazetteerKey);
    this.maxLength = Math.max(this.maxLength, keys.length);
    for (let n = 1; n < keys.length; n++) {
      const prefix = keys.slice(0, n).join(' ');
      if (!this.entries.has(prefix)) this.entries.set(prefix, this.list([]));
      this.laterKeys.add(keys[n] as string);
    }
    const key = keys.join(' ');
    const kinds = this.entries.get(key) ?? [];
    if (!kinds.includes(kind)) this.entries.set(key, this.list([...kinds, kind]));
  }

  private list(kinds: readonly string[]): readonly string[] {
    const id = `${kinds.length}\t${kinds.join('\t')}`;
    let shared = this.lists.get(id);
    if (!shared) {
      shared = Object.freeze([...kinds]);
      this.lists.set(id, shared);
    }
    return shared;
  }

  /** Kinds of the exact entry, or an empty list. */
  kinds(tokens: readonly string[]): readonly string[] {
    return this.entries.get(tokens.map(gazetteerKey).join(' ')) ?? [];
  }

  /** Every entry occurrence in `tokens` (overlapping matches included). */
  match(tokens: readonly string[]): GazetteerMatch[] {
    return this.matchKeys(tokens.map(gazetteerKey));
  }

  /**
   * What a (gazetteerKey-normalised) token starts: the kinds of its
   * one-token entry ([] when it only begins longer ones), or undefined when
   * no entry starts with it. For callers that cache it per word (matchKeys).
   */
  startingAt(key: string): readonly string[] | undefined {
    return this.entries.get(key);
  }

  /** Whether some entry has this (gazetteerKey-normalised) token after its first: for callers that cache it per word (matchKeys). */
  continuesWith(key: string): boolean {
    return this.laterKeys.has(key);
  }

  /**
   * match() over tokens already normalised with gazetteerKey(). `first`,
   * when given, holds startingAt() of each key and `later` continuesWith()
   * (cached by the caller), so only tokens that start an entry are looked
   * up, and only for longer ones.
   */
  matchKeys(keys: readonly string[], first?: readonly (readonly string[] | undefined)[], later?: readonly boolean[]): GazetteerMatch[] {
    const out: GazetteerMatch[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (first && first[i] === undefined) continue;
      let key = '';
      for (let j = i; j < keys.length && j - i < this.maxLength; j++) {
        if (j > i && !(later ? later[j] : this.laterKeys.has(keys[j] as string))) break;
        key = j === i ? (keys[j] as string) : `${key} ${keys[j] as string}`;
        const kinds = j === i && first ? first[i] : this.entries.get(key);
        if (kinds === undefined) break;
        for (const kind of kinds) out.push({ kind, start: i, end: j + 1 });
      }
    }
    return out;
  }

  /** Reads `kind<TAB>entry` lines; entries are space-separated tokens. `#` lines are comments. */
  static fromTsv(text: string): Gazetteer {
    const g = new Gazetteer();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      g.add(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
    return g;
  }
}
