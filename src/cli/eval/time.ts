// `sitrep eval time`: the time stage on TempEval-3 TimeML (TimeBank + AQUAINT,
// the train split; UzZaman et al. 2013). Gold: the DATE and TIME TIMEX3s in
// <TEXT> (DURATION and SET are out of scope: a TimeRef is a point period).
// Recognition counts a gold timex found when a predicted one overlaps it
// (TE3's relaxed match); value accuracy compares, on those, the gold value
// with ours written the TimeML way (day 1998-08-07, week 1998-W32, month
// 1998-08, year 1998; TIME values compared on their date). Value F1 is
// recognition F1 × value accuracy, as TE3 ranks systems.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Document, TimeRef } from '../../model/index.ts';
import { segment } from '../../text/index.ts';
import { createTimeStage } from '../../time/index.ts';
import { type Cli, UsageError } from '../cli.ts';

interface GoldTimex {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Plain text of a TimeML <TEXT> body, with the TIMEX3 spans in it. */
export function readTimeML(xml: string): { text: string; dct?: string; timexes: GoldTimex[] } {
  const dct = /<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})/.exec(xml)?.[1];
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: Array<{ start: number; type: string; value: string }> = [];
  const token = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(amp|lt|gt|quot|apos);|[^<&]+|&/g;
  for (const m of body.matchAll(token)) {
    if (m[2] !== undefined) {
      if (m[2] !== 'TIMEX3') continue;
      if (m[1] === '/') {
        const o = open.pop();
        if (o) timexes.push({ start: o.start, end: text.length, type: o.type, value: o.value });
      } else {
        const attrs = m[3] ?? '';
        open.push({
          start: text.length,
          type: /\btype="([^"]*)"/.exec(attrs)?.[1] ?? '',
          value: /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '',
        });
      }
    } else if (m[4] !== undefined) text += ENTITIES[m[4]] ?? '';
    else text += m[0];
  }
  return { text, ...(dct ? { dct } : {}), timexes };
}

/** Our TimeRef written as a TimeML value. */
export function timemlValue(t: Pick<TimeRef, 'value' | 'precision'>): string {
  switch (t.precision) {
    case 'day':
      return t.value;
    case 'month':
      return t.value.slice(0, 7);
    case 'year':
      return t.value.slice(0, 4);
    case 'week': {
      // ISO 8601 week: the week holding the year's first Thursday is week 1.
      const d = new Date(`${t.value}T12:00:00Z`);
      const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 864e5);
      const year = thursday.getUTCFullYear();
      const jan4 = new Date(Date.UTC(year, 0, 4, 12));
      const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5;
      const week = 1 + Math.floor((thursday.getTime() - week1Monday) / (7 * 864e5));
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
  }
}

function tmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tmlFiles(path));
    else if (name.endsWith('.tml')) out.push(path);
  }
  return out;
}

export function registerTimeEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('time')
    .description('timex recognition F1 and value accuracy on TempEval-3 TimeML (DATE/TIME timexes)')
    .option('--dir <dir>', 'directory of .tml files (searched recursively)', '../shared/data/tempeval3/train')
    .action((opts: { dir: string }) => {
      if (!existsSync(opts.dir) || !statSync(opts.dir).isDirectory()) {
        throw new UsageError(`${opts.dir}: not a directory (is ../shared/data beside the checkout?)`);
      }
      const files = tmlFiles(opts.dir);
      if (files.length === 0) throw new UsageError(`${opts.dir}: no .tml files`);
      const stage = createTimeStage();
      let gold = 0;
      let predicted = 0;
      let found = 0;
      let correctPredicted = 0;
      let valueCorrect = 0;
      const started = performance.now();
      for (const file of files) {
        const { text, dct, timexes } = readTimeML(readFileSync(file, 'utf8'));
        const scored = timexes.filter((t) => t.type === 'DATE' || t.type === 'TIME');
        const document: Document = {
          id: file,
          text,
          language: 'eng',
          origin: file,
          ...(dct ? { published: dct } : {}),
        };
        const { times } = stage.run({ document, layers: { sentences: segment(text) } }, dct ? { published: dct } : {});
        gold += scored.length;
        predicted += times.length;
        const all = timexes;
        for (const t of times) {
          if (all.some((g) => g.start < t.span.end && t.span.start < g.end)) correctPredicted++;
        }
        for (const g of scored) {
          const hit = times.find((t) => g.start < t.span.end && t.span.start < g.end);
          if (!hit) continue;
          found++;
          const goldValue = g.type === 'TIME' ? g.value.slice(0, 10) : g.value;
          if (timemlValue(hit) === goldValue) valueCorrect++;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      // Precision counts a prediction right when it overlaps any gold timex
      // (a DURATION we read as a date is still a timex found).
      const precision = predicted ? correctPredicted / predicted : 0;
      const recall = gold ? found / gold : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      const valueAccuracy = found ? valueCorrect / found : 0;
      const round = (x: number) => Math.round(x * 10000) / 10000;
      cli.stdout.write(
        `${opts.dir}: ${files.length} documents, ${gold} gold DATE/TIME timexes, ${predicted} predicted; ` +
          `P ${precision.toFixed(4)} R ${recall.toFixed(4)} F1 ${f1.toFixed(4)}; value accuracy ${valueAccuracy.toFixed(4)} ` +
          `(${valueCorrect}/${found}); ${seconds.toFixed(1)} s\n`,
      );
      cli.stdout.write(
        `${JSON.stringify({
          task: 'time-tempeval3',
          precision: round(precision),
          recall: round(recall),
          f1: round(f1),
          valueAccuracy: round(valueAccuracy),
          valueF1: round(f1 * valueAccuracy),
          n: gold,
        })}\n`,
      );
    });
}
