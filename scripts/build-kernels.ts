// `npm run build:kernels`: compiles the AssemblyScript decoding kernels
// (src/learn/kernels/decode.ts) to the committed src/learn/kernels/decode.wasm.
// The compiler is pinned exactly in package.json, so the build reproduces
// the committed bytes (src/learn/kernels.test.ts checks it).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import asc from 'assemblyscript/asc';
import { KERNELS_WASM } from '../src/learn/kernels.ts';
import { assetPath } from '../src/model/assets.ts';

export const KERNELS_SOURCE = 'src/learn/kernels/decode.ts';

/** The kernels' WebAssembly binary, compiled from source. */
export async function buildKernels(): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  const errors: string[] = [];
  const result = await asc.main(
    [
      assetPath(KERNELS_SOURCE),
      '-O3',
      '--runtime',
      'stub',
      '--noAssert',
      '--initialMemory',
      '16',
      '--enable',
      'simd',
      '--outFile',
      'decode.wasm',
    ],
    {
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
      },
      stderr: { write: (s: string | Uint8Array) => errors.push(String(s)) } as never,
      stdout: { write: () => undefined } as never,
    },
  );
  if (result.error || !binary) throw new Error(`build:kernels: asc failed: ${result.error?.message ?? ''}\n${errors.join('')}`);
  return binary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const binary = await buildKernels();
  writeFileSync(assetPath(KERNELS_WASM), binary);
  console.log(`build:kernels: ${KERNELS_WASM} (${binary.length} bytes)`);
}
