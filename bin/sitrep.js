#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader: no build step between
// an edit and `sitrep`. `npm run build` emits dist/ for library consumers.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
