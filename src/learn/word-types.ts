// Word types as dense ids, for callers that cache scores per word type:
// one Map lookup per token gives an id, and every cache keyed by it is an
// array index (TypeRows, score-rows.ts) instead of a string lookup of its
// own. Ids are dense per generation; when the table is full it starts a
// new generation (a process-wide unique number) and caches keyed by the
// old ids empty themselves.

let generations = 0;

export class WordTypes<R> {
  private readonly ids = new Map<string, number>();
  private readonly list: R[] = [];
  private gen = ++generations;

  /** At most `limit` types per generation; `describe` makes a new type's record. */
  constructor(
    readonly limit: number,
    private readonly describe: (text: string) => R,
  ) {}

  /** Ids of this generation are valid until the next reserve() that starts a new one. */
  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.list.length;
  }

  /**
   * Makes room for `n` more types, starting a new generation if they would
   * not fit: call it where no ids are in use (before a document).
   */
  reserve(n: number): void {
    if (this.list.length + n <= this.limit) return;
    this.ids.clear();
    this.list.length = 0;
    this.gen = ++generations;
  }

  /** The id of `text`, made on first sight (reserve() beforehand keeps it under the limit). */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(this.describe(text));
      this.ids.set(text, id);
    }
    return id;
  }

  record(id: number): R {
    return this.list[id] as R;
  }
}

/** One sentence's (or document's) word ids, from `WordTypes` of one generation. */
export interface TypeIds {
  readonly generation: number;
  readonly ids: ArrayLike<number>;
}
