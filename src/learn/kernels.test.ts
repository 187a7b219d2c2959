import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKernels } from '../../scripts/build-kernels.ts';
import { assetPath } from '../model/assets.ts';
import { KERNELS_WASM, KernelMemory } from './kernels.ts';

describe('decoding kernels (WebAssembly)', () => {
  it('the committed decode.wasm is what `npm run build:kernels` compiles from kernels/decode.ts', async () => {
    const built = await buildKernels();
    expect(Buffer.from(built).equals(readFileSync(assetPath(KERNELS_WASM)))).toBe(true);
  }, 60_000);

  it('kernel memory grows without losing what was put in it', () => {
    const k = new KernelMemory(readFileSync(assetPath(KERNELS_WASM)));
    const a = k.put(Float64Array.of(1.5, -2));
    const b = k.put(Int32Array.of(7, 8, 9));
    // Far past the initial 1 MiB: the memory grows and the views are rebuilt.
    const big = k.alloc(8 << 20);
    k.f64[(big >> 3) + 1] = 3;
    expect([k.f64[a >> 3], k.f64[(a >> 3) + 1], k.i32[(b >> 2) + 2], k.f64[(big >> 3) + 1]]).toEqual([1.5, -2, 9, 3]);
    expect(b).toBeGreaterThan(a);
  });
});
