#!/usr/bin/env node
// The CLI: src/cli/main.ts, bundled to plain JS on first run after an edit
// (see compiled.js), so no TypeScript loader runs beside it.
import { importCompiled } from './compiled.js';

const { main } = await importCompiled('src/cli/main.ts');
process.exitCode = await main(process.argv);
