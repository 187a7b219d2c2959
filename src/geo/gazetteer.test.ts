import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GazetteerError, loadGazetteer, resolvePlace } from './index.ts';

// A two-place gazetteer in the committed format, to show the stage takes any gazetteer.
const HEADER = 'keys\tid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\textra\taliases';
const ROWS = [
  'utopia|ut\tc:UT\tcountry\tUtopia\tUT\t\t10\t20\t1000000\tPCLI\tUtopian;9,19,11,21\tUT',
  'amaurot\tg:1\tcity\tAmaurot\tUT\tUT-01\t10.5\t20.5\t50000\tPPLC\t\t',
];

function tinyGazetteer(aliases = 'alias\ttarget\nAmaurote\tg:1\n') {
  const dir = mkdtempSync(join(tmpdir(), 'gaz-'));
  writeFileSync(join(dir, 'g.tsv'), `${HEADER}\n${ROWS.join('\n')}\n`);
  writeFileSync(join(dir, 'aliases.tsv'), aliases);
  return { path: join(dir, 'g.tsv'), aliases: join(dir, 'aliases.tsv') };
}

describe('loadGazetteer with other data', () => {
  it('resolves against an injected gazetteer, aliases included', () => {
    const files = tinyGazetteer();
    const gazetteer = loadGazetteer(files.path, files.aliases);
    expect(gazetteer.size).toBe(2);
    expect(resolvePlace('the city of Amaurote', { gazetteer })).toMatchObject({
      name: 'Amaurot',
      kind: 'city',
      country: 'UT',
      lat: 10.5,
      lon: 20.5,
      precision: 1,
    });
    expect(resolvePlace('Utopians', { gazetteer })).toMatchObject({ kind: 'country', country: 'UT', rule: 'demonym' });
    expect(resolvePlace('Kursk', { gazetteer })).toBeUndefined();
  });

  it('rejects an alias that points nowhere, naming it', () => {
    const files = tinyGazetteer('alias\ttarget\nAtlantis\tg:999\n');
    expect(() => loadGazetteer(files.path, files.aliases)).toThrow(
      new GazetteerError("gazetteer alias 'Atlantis' points to unknown id 'g:999'"),
    );
  });

  it('names the missing file and the command that builds it', () => {
    expect(() => loadGazetteer('/nonexistent/gazetteer.tsv.gz')).toThrow(
      'cannot read gazetteer /nonexistent/gazetteer.tsv.gz: run npm run build:gazetteer',
    );
  });
});
