import { type FusionSummary, fuseArchive, StoreError } from '../../store/index.ts';
import type { Cli } from '../cli.ts';
import { openCliStore } from './ingest.ts';
import { addFilterOptions, type FilterFlags, filterFrom } from './query.ts';

export function fusionLine(s: FusionSummary, seconds: number): string {
  return `fused ${s.documents} documents in ${seconds.toFixed(1)} s: ${s.entities} canonical entities, ${s.events} event clusters (${s.multiOutletEvents} reported by several outlets), ${s.claimGroups} claim groups (${s.corroborated} corroborated), ${s.contradictions} contradictions`;
}

export function registerFuse(cli: Cli): void {
  const command = cli.program
    .command('fuse')
    .description('resolve entities, cluster events and group claims across the archive, flagging corroboration and contradiction');
  addFilterOptions(command)
    .option('--json', 'print the summary as one JSON object on the last stdout line')
    .addHelpText(
      'after',
      '\nReplaces the stored clusters with the fusion of the selected documents (near-duplicates left out).\nFusion compares mentions pairwise: on thousands of documents, select a date range or outlets.',
    )
    .action((flags: FilterFlags & { json?: boolean }) => {
      const { limit: _limit, ...filter } = filterFrom(flags);
      const store = openCliStore(cli, flags.db);
      if (!store) return;
      try {
        const started = performance.now();
        const summary = fuseArchive(store, { filter });
        const seconds = (performance.now() - started) / 1000;
        cli.stderr.write(`${fusionLine(summary, seconds)}\n`);
        if (flags.json) cli.stdout.write(`${JSON.stringify({ task: 'fuse', ...summary, seconds: Number(seconds.toFixed(2)) })}\n`);
      } catch (error) {
        if (error instanceof StoreError) {
          cli.stderr.write(`sitrep: ${error.message}\n`);
          cli.exit(1);
          return;
        }
        throw error;
      } finally {
        store.close();
      }
    });
}
