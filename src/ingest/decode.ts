import iconv from 'iconv-lite';
import { IngestError } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes → text. Binary data is refused; a declared non-UTF-8 charset (HTML
 * meta or XML prolog) is honoured; otherwise the bytes must be valid UTF-8 —
 * guessing an encoding silently would corrupt names in the output.
 */
export function decodeBytes(input: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new IngestError(input, 'empty input');
  if (looksBinary(bytes)) throw new IngestError(input, 'binary data, not text (expected text, HTML, JSONL or a feed)');
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/i.test(declared)) {
    if (!iconv.encodingExists(declared)) throw new IngestError(input, `unsupported charset '${declared}'`);
    return iconv.decode(Buffer.from(bytes), declared);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new IngestError(input, `invalid UTF-8 at byte ${at} (convert the file to UTF-8 or declare its charset)`);
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.1;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const meta = /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head);
  return meta?.[1];
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
