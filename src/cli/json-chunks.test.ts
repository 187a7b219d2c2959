import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../ingest/index.ts';
import { extractDocument } from '../service/index.ts';
import { jsonChunks, writeJson } from './json-chunks.ts';

const joined = (value: unknown, indent: number) => [...jsonChunks(value, indent)].join('');

describe('jsonChunks', () => {
  const odd = {
    a: [],
    b: {},
    c: [1, undefined, () => 0, null, 'x\ny "quoted" – ünïcode'],
    d: undefined,
    e: { nested: { deeper: [{ k: [1, [2, {}]] }] }, when: new Date(Date.UTC(2024, 7, 9)) },
    f: [{ g: undefined, h: [[]] }],
    i: 0,
  };
  it.each([0, 2, 4])('joins to what JSON.stringify writes (indent %i)', (indent) => {
    expect(joined(odd, indent)).toBe(JSON.stringify(odd, null, indent));
    for (const v of [null, 1, 'a', [], {}, [[]], [{}], { x: [] }]) expect(joined(v, indent)).toBe(JSON.stringify(v, null, indent));
  });

  it('writes a real extraction as JSON.stringify does, in blocks', async () => {
    const text = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');
    const { document } = makeDocument({ origin: 'kursk', text, published: '2024-08-09' });
    const extraction = extractDocument(document);
    const blocks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        blocks.push(chunk.toString());
        done();
      },
    });
    await writeJson(sink, extraction, 2, '\n');
    expect(blocks.join('')).toBe(`${JSON.stringify(extraction, null, 2)}\n`);
    expect(blocks.length).toBeGreaterThan(1);
    expect([...jsonChunks(extraction, 0)].join('')).toBe(JSON.stringify(extraction));
  });
});
