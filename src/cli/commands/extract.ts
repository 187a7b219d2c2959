import { Option } from 'commander';
import { DEFAULT_MAX_BYTES, readInputs } from '../../ingest/index.ts';
import { type Extraction, LAYERS } from '../../model/index.ts';
import { extractDocument, pipelineStages } from '../../service/index.ts';
import type { Cli } from '../cli.ts';
import { writeDrained, writeJson } from '../json-chunks.ts';
import { formatPretty } from '../pretty.ts';
import { parseByteSize, parseIsoDate } from './options.ts';

type Format = 'json' | 'jsonl' | 'pretty';

function stagesHelp(): string {
  const stages = pipelineStages();
  const present = new Set(stages.flatMap((s) => s.provides));
  const lines = stages.map((s) => `  ${s.name.padEnd(10)} → ${s.provides.join(', ')}${s.model ? `  (${s.model})` : ''}`);
  const missing = LAYERS.filter((l) => !present.has(l));
  return [
    '',
    'Stages present:',
    ...lines,
    missing.length ? `Not yet present (printed as empty arrays): ${missing.join(', ')}` : 'All layers are filled.',
    '',
    'Exit status: 0 all inputs read, 1 some inputs failed (the rest are printed), 2 usage error.',
  ].join('\n');
}

export function registerExtract(cli: Cli): void {
  cli.program
    .command('extract')
    .description('analyse articles and print { document, sentences, entities, claims, events, places, times } per document')
    .argument('<inputs...>', "files, directories (recursive) or '-' for stdin: text, HTML, JSONL, RSS/Atom")
    .option('--published <date>', 'publication date (YYYY-MM-DD) when the input carries none; reference for relative dates')
    .option('--source <outlet>', 'outlet to record when the input names none')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'pretty']).default('json'))
    .option('--max-bytes <size>', 'largest input accepted (per file; per line for JSONL), e.g. 10MB', `${DEFAULT_MAX_BYTES}`)
    .addHelpText('after', stagesHelp)
    .action(async (inputs: string[], opts: { published?: string; source?: string; format: Format; maxBytes: string }) => {
      const published = opts.published === undefined ? undefined : parseIsoDate(opts.published, '--published');
      const maxBytes = parseByteSize(opts.maxBytes, '--max-bytes');
      const out = createWriter(cli, opts.format);
      for await (const result of readInputs(inputs, {
        maxBytes,
        ...(published ? { published } : {}),
        ...(opts.source ? { source: opts.source } : {}),
      })) {
        if (!result.ok) {
          cli.stderr.write(`sitrep: ${result.error.input}: ${result.error.reason}\n`);
          cli.exit(1);
          continue;
        }
        for (const warning of result.warnings) cli.stderr.write(`sitrep: warning: ${result.document.origin}: ${warning}\n`);
        let extraction: Extraction;
        try {
          extraction = extractDocument(result.document, { warnings: result.warnings });
        } catch (error) {
          // A bug in a stage must not take the batch down: name the input and go on.
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          cli.stderr.write(`sitrep: ${result.document.origin}: internal error during extraction: ${reason}\n`);
          cli.exit(1);
          continue;
        }
        await out.write(extraction);
      }
      await out.end();
    });
}

/** json: one object for one document, an array for several (streamed, a layer item at a time). */
function createWriter(cli: Cli, format: Format): { write(e: Extraction): Promise<void>; end(): Promise<void> } {
  let held: Extraction | undefined;
  let count = 0;
  const out = cli.stdout;
  return {
    async write(extraction) {
      count++;
      if (format === 'jsonl') await writeJson(out, extraction, 0, '\n');
      else if (format === 'pretty') await writeDrained(out, `${formatPretty(extraction)}\n`);
      else if (count === 1) held = extraction;
      else {
        if (held) {
          await writeDrained(out, '[\n');
          await writeJson(out, held);
          held = undefined;
        }
        await writeDrained(out, ',\n');
        await writeJson(out, extraction);
      }
    },
    async end() {
      if (format !== 'json') return;
      if (held) await writeJson(out, held, 2, '\n');
      else if (count > 1) await writeDrained(out, '\n]\n');
    },
  };
}
