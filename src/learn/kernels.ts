// The WebAssembly build of kernels/decode.ts (AssemblyScript; `npm run
// build:kernels`), and the linear memory its callers lay their data out in:
// a bump allocator (tables that live as long as their model) whose views are
// rebuilt when the memory grows, which detaches the old ones.
import { readFileSync } from 'node:fs';
import { assetPath } from '../model/assets.ts';

export const KERNELS_WASM = 'src/learn/kernels/decode.wasm';

interface DecodeExports {
  readonly memory: WebAssembly.Memory;
  viterbi(
    t: number,
    n: number,
    emis: number,
    stride: number,
    scale: number,
    margin: number,
    delta: number,
    path: number,
    survivor: number,
    acc: number,
    sums: number,
  ): void;
  maxAbs(emis: number, n: number, L: number, stride: number): number;
  scoreRows(
    slots: number,
    mask: number,
    packed: number,
    M: number,
    feats: number,
    offsets: number,
    n: number,
    rows: number,
    width: number,
    columns: number,
  ): void;
  addFeaturesJoint(
    slots: number,
    mask: number,
    packed: number,
    M: number,
    feats: number,
    offsets: number,
    n: number,
    out: number,
    stride: number,
    columns: number,
  ): void;
  sumRows6(rows: number, at: number, n: number, width: number, out: number): void;
  backward(
    t: number,
    n: number,
    first: number,
    emis: number,
    stride: number,
    scale: number,
    margin: number,
    beta: number,
    acc: number,
    sums: number,
  ): void;
}

export class KernelMemory {
  readonly exports: DecodeExports;
  private readonly memory: WebAssembly.Memory;
  /** Next free byte; the first 64 KiB are left to the module. */
  private top = 65536;
  /** Freed blocks by size in bytes, reused by allocations of exactly that size. */
  private readonly freed = new Map<number, number[]>();
  /** Bumped when the memory grows: views taken before are detached (see alloc). */
  generation = 0;
  /** Blocks owned by objects (own()), freed once their owner is collected. */
  private readonly owned = new FinalizationRegistry<(readonly [number, number])[]>((blocks) => {
    for (const [at, bytes] of blocks) this.free(at, bytes);
  });
  f64: Float64Array;
  i32: Int32Array;
  u32: Uint32Array;
  u8: Uint8Array;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    this.exports = instance.exports as unknown as DecodeExports;
    this.memory = this.exports.memory;
    [this.f64, this.i32, this.u32, this.u8] = this.views();
  }

  /** Views of the whole memory as it is now. */
  private views(): [Float64Array, Int32Array, Uint32Array, Uint8Array] {
    const b = this.memory.buffer;
    return [new Float64Array(b), new Int32Array(b), new Uint32Array(b), new Uint8Array(b)];
  }

  /**
   * `bytes` of memory, 16-byte aligned (SIMD rows), zero-filled when fresh
   * (a reused block holds what its last owner left). The memory grows when
   * it must; that detaches every view, so read `f64`/`i32`/`u8` again after
   * any alloc (`generation` tells that it happened). Pages never written stay
   * out of the resident set, so a large reservation costs little.
   */
  alloc(bytes: number): number {
    const size = (Math.max(16, bytes) + 15) & ~15;
    const reuse = this.freed.get(size)?.pop();
    if (reuse !== undefined) return reuse;
    const at = this.top;
    this.top = at + size;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      this.memory.grow(Math.ceil((Math.max(this.top, Math.min(2 * have, have + (256 << 20))) - have) / 65536));
      [this.f64, this.i32, this.u32, this.u8] = this.views();
      this.generation++;
    }
    return at;
  }

  /** Returns a block from alloc(bytes) for reuse. */
  free(at: number, bytes: number): void {
    const size = (Math.max(16, bytes) + 15) & ~15;
    let list = this.freed.get(size);
    if (!list) {
      list = [];
      this.freed.set(size, list);
    }
    list.push(at);
  }

  /**
   * Ties blocks from alloc() ([address, bytes]) to `owner`: they are freed
   * when it is garbage-collected (a model, a tagger's cache). The list is
   * kept, so a caller may push blocks it takes later (replacing one: update
   * its entry).
   */
  own(owner: object, blocks: (readonly [number, number])[]): (readonly [number, number])[] {
    this.owned.register(owner, blocks);
    return blocks;
  }

  /** A copy of `values` in memory (f64, i32 or u8 per the array's type); returns its address. */
  put(values: Float64Array | Int32Array | Uint8Array): number {
    const at = this.alloc(values.byteLength);
    // A reused block is not zeroed, but the copy covers all of it that is read.
    if (values instanceof Float64Array) this.f64.set(values, at >> 3);
    else if (values instanceof Int32Array) this.i32.set(values, at >> 2);
    else this.u8.set(values, at);
    return at;
  }
}

let shared: KernelMemory | undefined;

/** The kernels' one instance (decoding is single-threaded and never re-entered). */
export function kernels(): KernelMemory {
  shared ??= new KernelMemory(readFileSync(assetPath(KERNELS_WASM)));
  return shared;
}
