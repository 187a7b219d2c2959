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

  it('keeps homonyms in file order, aliases after them once, and finds ids and cities', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaz-'));
    const rows = [
      'utopia|ut\tc:UT\tcountry\tUtopia\tUT\t\t10\t20\t1000000\tPCLI\tUtopian;9,19,11,21\tUT',
      'nordia|nord\ta:UT-01\tadmin1\tNordia\tUT\tUT-01\t11\t21\t40000\tADM1\tprovince;Amaurot\t',
      'amaurot|paname|paname\tg:1\tcity\tAmaurot\tUT\tUT-01\t10.5\t20.5\t50000\tPPLC\t\t',
      'amaurot|zürich\tg:22\tcity\tAmaurot\tUT\t\t9.5\t19.5\t900\tPPL\t\t',
    ];
    writeFileSync(join(dir, 'g.tsv'), `${HEADER}\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'aliases.tsv'), 'alias\ttarget\nParaname\tg:1\nAmaurot\tg:1\nParaname\tg:22\nZurich\tg:22\n');
    const g = loadGazetteer(join(dir, 'g.tsv'), join(dir, 'aliases.tsv'));
    expect(g.size).toBe(4);
    expect(g.byName.get('amaurot')?.map((e) => e.id)).toEqual(['g:1', 'g:22']);
    expect(g.byName.get('paname')?.map((e) => e.id)).toEqual(['g:1']);
    expect(g.byName.get('paraname')?.map((e) => e.id)).toEqual(['g:1', 'g:22']);
    expect(g.byName.get('zürich')?.map((e) => e.id)).toEqual(['g:22']);
    expect(g.byName.has('zurich')).toBe(true);
    expect(g.byName.has('atlantis')).toBe(false);
    expect(g.byName.get('amaurot')?.[0]).toBe(g.byId.get('g:1'));
    expect(g.byId.get('a:UT-01')).toMatchObject({ kind: 'admin1', seat: 'Amaurot' });
    expect(g.byId.get('g:01')).toBeUndefined();
    expect(g.adminBySeat.get('amaurot')?.map((e) => e.id)).toEqual(['a:UT-01']);
    expect(g.citiesOf('UT').map((e) => e.id)).toEqual(['g:1', 'g:22']);
    expect(g.citiesOf('XX')).toEqual([]);
  });
});
