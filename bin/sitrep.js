#!/usr/bin/env node
// The CLI: src/cli/main.ts, bundled to plain JS on first run after an edit
// (see compiled.js), so no TypeScript loader runs beside it.
import { importCompiled } from './compiled.js';

// A reader that stops early (`sitrep extract … | head`) closes the pipe: end
// as SIGPIPE ends a Unix tool (status 141), not with a stack trace. The
// database needs nothing here: every write is a transaction that either
// committed or never happened (test/ingest-kill.test.ts).
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(141);
  throw error;
});

const { main } = await importCompiled('src/cli/main.ts');
process.exitCode = await main(process.argv);
