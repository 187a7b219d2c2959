import { once } from 'node:events';
import { createWriteStream, openSync } from 'node:fs';
import { Option } from 'commander';
import { archiveEventRows, csvHeader, csvLine, geoJsonFeature, type Store, StoreError } from '../../store/index.ts';
import type { Cli } from '../cli.ts';
import { writeDrained, writeJson } from '../json-chunks.ts';
import { openCliStore } from './ingest.ts';
import { addFilterOptions, type FilterFlags, filterFrom } from './query.ts';

type Format = 'json' | 'jsonl' | 'csv' | 'geojson';

// Writes mind back-pressure (writeDrained), so a large export streams instead
// of piling up in memory; an extraction is written a layer item at a time
// (writeJson: a long article's JSON need not be one string).

async function exportArchive(
  store: Store,
  format: Format,
  flags: FilterFlags,
  out: NodeJS.WritableStream,
): Promise<{ written: number; skipped: number }> {
  const filter = filterFrom(flags);
  const { limit, ...documents } = filter;
  let written = 0;
  let skipped = 0;
  switch (format) {
    case 'jsonl':
      for (const x of store.extractions(filter)) {
        await writeJson(out, x, 0, '\n');
        written++;
      }
      break;
    case 'json': {
      // { extractions: [...], clusters: [...] }: the documents, then what fusion made of them.
      await writeDrained(out, '{"extractions":[');
      for (const x of store.extractions(filter)) {
        await writeDrained(out, `${written ? ',' : ''}\n`);
        await writeJson(out, x, 0);
        written++;
      }
      const clusters = flags.document ? store.clusters({ documentId: flags.document }) : store.clusters();
      await writeDrained(out, `\n],"clusters":${JSON.stringify(clusters)}}\n`);
      break;
    }
    case 'csv':
      await writeDrained(out, csvHeader());
      for (const row of archiveEventRows(store, documents)) {
        if (limit !== undefined && written >= limit) break;
        await writeDrained(out, csvLine(row));
        written++;
      }
      break;
    case 'geojson':
      await writeDrained(out, '{"type":"FeatureCollection","features":[');
      for (const row of archiveEventRows(store, documents)) {
        if (limit !== undefined && written >= limit) break;
        const feature = geoJsonFeature(row);
        if (!feature) {
          skipped++;
          continue;
        }
        await writeDrained(out, `${written ? ',' : ''}\n${JSON.stringify(feature)}`);
        written++;
      }
      await writeDrained(out, '\n]}\n');
      break;
  }
  return { written, skipped };
}

export function registerExport(cli: Cli): void {
  const command = cli.program
    .command('export')
    .description('export the archive: json/jsonl (whole extractions), csv (events, ACLED columns), geojson (events with coordinates)');
  addFilterOptions(command)
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'csv', 'geojson']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      '\nCSV columns follow ACLED (event_date, event_type, sub_event_type, actor1, actor2, country, admin1, location, latitude,\nlongitude, geo_precision, time_precision, source, notes, fatalities) plus claim_status, claim_source and the source spans\n(document_id, trigger_start/end, sentence_start/end: UTF-16 offsets into the document text). GeoJSON is RFC 7946 (lon, lat).',
    )
    .action(async (flags: FilterFlags & { format: Format; out?: string }) => {
      filterFrom(flags);
      let fd: number | undefined;
      if (flags.out) {
        try {
          fd = openSync(flags.out, 'w');
        } catch (error) {
          cli.stderr.write(`sitrep: ${flags.out}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
          cli.exit(1);
          return;
        }
      }
      const store = openCliStore(cli, flags.db, { readonly: true });
      if (!store) return;
      const out = fd !== undefined ? createWriteStream('', { fd }) : cli.stdout;
      try {
        const { written, skipped } = await exportArchive(store, flags.format, flags, out);
        const what = flags.format === 'json' || flags.format === 'jsonl' ? 'documents' : 'events';
        cli.stderr.write(
          `exported ${written} ${what}${skipped ? ` (${skipped} events without coordinates left out)` : ''}${flags.out ? ` to ${flags.out}` : ''}\n`,
        );
      } catch (error) {
        if (error instanceof StoreError) {
          cli.stderr.write(`sitrep: ${error.message}\n`);
          cli.exit(1);
          return;
        }
        throw error;
      } finally {
        store.close();
        if (flags.out) {
          const file = out as NodeJS.WritableStream & { close?: () => void };
          file.end();
          await once(file, 'finish').catch(() => undefined);
        }
      }
    });
}
