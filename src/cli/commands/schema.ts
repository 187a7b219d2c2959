import { extractionJsonSchema } from '../../model/index.ts';
import type { Cli } from '../cli.ts';

export function registerSchema(cli: Cli): void {
  cli.program
    .command('schema')
    .description('print the JSON Schema of one `sitrep extract` result')
    .action(() => {
      cli.stdout.write(`${JSON.stringify(extractionJsonSchema(), null, 2)}\n`);
    });
}
