import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spansFromTags } from '../learn/index.ts';
import { loadPosTagger } from '../pos/index.ts';
import { segment } from '../text/index.ts';
import {
  cueFeatures,
  roleAfterCueFeatures,
  roleBeforeCueFeatures,
  roleCueFeatures,
  roleCueKey,
  roleCueLemmaFeatures,
  roleFeatures,
  roleTagFeatures,
  roleTagKeys,
  roleTagPartFeatures,
  roleWindow,
  roleWindowFacts,
} from './features.ts';
import { cueLemma } from './lemma.ts';
import { CUE_BIAS, decodeCues, decodeRoles, lexicon, predictAttributions, type TokenAttribution, viewOf } from './model.ts';
import { parseAnn } from './polnear.ts';
import { applyRules, colonParagraph, namingCalled } from './rules.ts';
import { emptyCounts, prf, scoreArticle } from './score.ts';
import { loadClaimModel } from './stage.ts';
import { decideStatus, loadStatusMap, parseStatusMap } from './status.ts';

const map = loadStatusMap();
const lex = lexicon(map);
const tagger = loadPosTagger();
/** The text of a token range of `doc` (undefined for none). */
const spanText = (text: string, doc: ReturnType<typeof viewOf>, r: { start: number; end: number } | undefined) =>
  r ? text.slice(doc.tokens[r.start]?.start, doc.tokens[r.end - 1]?.end) : undefined;

describe('cueLemma', () => {
  it.each([
    [['said'], 'say', false],
    [['has', 'not', 'officially', 'commented'], 'comment', true],
    [['called', 'for'], 'call for', false],
    [['according', 'to'], 'according to', false],
    [['have', 'criticised'], 'criticise', false],
    [['labelling'], 'label', false],
    [['refrained'], 'refrain', false],
    [['did', 'n’t', 'deny'], 'deny', true],
    [['suggests'], 'suggest', false],
    [['emphasised'], 'emphasise', false],
  ])('%j → %s (negated %s)', (words, lemma, negated) => {
    expect(cueLemma(words, lex.known)).toEqual({ lemma, negated });
  });
});

describe('decideStatus', () => {
  it.each([
    ['confirm', false, 'it was not informed beforehand', 'confirmed'],
    ['comment', true, 'the situation', 'no_comment'],
    ['deny', false, 'the report', 'denied'],
    ['deny', true, 'the report', 'confirmed'],
    ['say', false, 'the incursion could be a strategic move', 'speculated'],
    ['say', false, 'forces halted the advance', 'asserted'],
    ['call for', false, 'a strong response', 'demanded'],
    ['frobnicate', false, 'x', 'asserted'],
    ['frobnicate', true, 'x', 'no_comment'],
  ] as const)('%s negated=%s → %s', (lemma, negated, content, status) => {
    expect(decideStatus(map, lemma, negated, content).status).toBe(status);
  });

  it('rejects a status outside the closed set, naming the line', () => {
    expect(() => parseStatusMap('say\tbelieved\tasserted\twhy', 'x.tsv')).toThrow('x.tsv:1');
  });
});

describe('parseAnn', () => {
  const text = 'Smith said that taxes rose. “Taxes rose,” he added.';
  const ann = [
    'T1\tSource 0 5\tSmith',
    'T2\tCue 6 10\tsaid',
    'T3\tContent 11 27\tthat taxes rose.',
    'T4\tAttribution 6 10\tsaid',
    'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
    'T5\tContent 28 39;39 41\t“Taxes rose,”',
    'T6\tSource 42 44\the',
    'T7\tCue 45 50\tadded',
    'T8\tAttribution-no-source 45 50\tadded',
    'E2\tAttribution-no-source:T8 Cue:T7 Content:T5',
  ].join('\n');
  it('reads roles, fragments and attributions without a source', () => {
    const [a, b] = parseAnn(ann, text, 'x.ann');
    expect(a).toEqual({ id: 'E1', source: [{ start: 0, end: 5 }], cue: [{ start: 6, end: 10 }], content: [{ start: 11, end: 27 }] });
    expect(b?.source).toEqual([]);
    expect(b?.content).toEqual([
      { start: 28, end: 39 },
      { start: 39, end: 41 },
    ]);
  });
});

describe('scoreArticle', () => {
  const text = 'Smith said that taxes rose.';
  const doc = viewOf(segment(text), lex, tagger);
  const gold = [{ source: [{ start: 0, end: 5 }], cue: [{ start: 6, end: 10 }], content: [{ start: 11, end: 27 }] }];
  it('counts exact and token matches, averaging over annotators', () => {
    const c = emptyCounts();
    const pred = [{ source: [{ start: 0, end: 5 }], cue: [{ start: 6, end: 10 }], content: [{ start: 16, end: 27 }] }];
    scoreArticle(c, text, doc.tokens, [gold, []], pred);
    expect(c.exact.cue).toEqual({ tp: 0.5, fp: 0.5, fn: 0 });
    expect(prf(c.exact.content).f1).toBe(0);
    // content tokens: gold that taxes rose . (4), predicted taxes rose . (3)
    expect(c.token.content).toEqual({ tp: 1.5, fp: 1.5, fn: 0.5 });
  });
});

describe('applyRules', () => {
  it('adds a no-comment claim with its subject and clause', () => {
    const text = 'However, the Ukrainian government has not officially commented on the situation.';
    const doc = viewOf(segment(text), lex, tagger);
    const [a] = applyRules(doc, []);
    expect(spanText(text, doc, a?.cue)).toBe('has not officially commented');
    expect(spanText(text, doc, a?.source)).toBe('the Ukrainian government');
    expect(spanText(text, doc, a?.content[0])).toBe('the situation');
    expect(a?.rule).toBe('no-comment');
  });

  it('gives a participial cue the earlier source of its sentence', () => {
    const text = 'Putin condemned the incursion, labelling it a provocation.';
    const doc = viewOf(segment(text), lex, tagger);
    const first: TokenAttribution = {
      source: { start: 0, end: 1 },
      cue: { start: 1, end: 2 },
      content: [{ start: 2, end: 4 }],
      confidence: 1,
    };
    const second: TokenAttribution = { cue: { start: 5, end: 6 }, content: [{ start: 6, end: 9 }], confidence: 1 };
    const out = applyRules(doc, [first, second]);
    expect(out[1]?.source).toEqual({ start: 0, end: 1 });
    expect(out[1]?.rule).toBe('inherit-source');
  });
});

describe('dash-attribution', () => {
  it('reads a quote closed by a dash and a name as that person’s claim', () => {
    const text =
      'Readers answered.\n“He represents our greatest shame.” ― Sonya Herridge\n“During the debate Trump said Hispanics live in hell.” ― Pamela Padilla';
    const doc = viewOf(segment(text), lex, tagger);
    const dashes = applyRules(doc, []).filter((a) => a.rule === 'dash-attribution');
    expect(dashes.map((a) => [spanText(text, doc, a.cue), spanText(text, doc, a.source), spanText(text, doc, a.content[0])])).toEqual([
      ['―', 'Sonya Herridge', '“He represents our greatest shame.”'],
      ['―', 'Pamela Padilla', '“During the debate Trump said Hispanics live in hell.”'],
    ]);
  });

  it('reads a post signed on the next line, with its handle and date', () => {
    const text = 'Just another day in the campaign.\n— Sahil Kapur (@sahilkapur) August 31, 2016';
    const doc = viewOf(segment(text), lex, tagger);
    const [a] = applyRules(doc, []).filter((x) => x.rule === 'dash-attribution');
    expect(spanText(text, doc, a?.source)).toBe('Sahil Kapur (@sahilkapur)');
  });

  it('drops a cue the tagger found inside the signed quotation', () => {
    const text = 'Readers answered.\n“He talks about people he knows nothing about.” ― Pamela Padilla';
    const doc = viewOf(segment(text), lex, tagger);
    const knows = doc.tokens.findIndex((t) => t.text === 'knows');
    const inner: TokenAttribution = {
      cue: { start: knows, end: knows + 1 },
      content: [{ start: knows + 1, end: knows + 3 }],
      confidence: 1,
    };
    expect(applyRules(doc, [inner]).map((a) => a.rule)).toEqual(['dash-attribution']);
  });

  it('leaves dashes inside a sentence alone', () => {
    const text = 'Trump’s absurd ― and dangerous ― remarks drew fire.';
    expect(applyRules(viewOf(segment(text), lex, tagger), [])).toEqual([]);
  });
});

describe('speaker-colon', () => {
  it('reads transcript turns as the speaker’s attributions', () => {
    const text =
      'Chris Wallace asked Mike Pence about the debate.\n\n"WALLACE: Will she be there?\n\n"PENCE: She will not be attending the debate.';
    const doc = viewOf(segment(text), lex, tagger);
    const turns = applyRules(doc, []).filter((a) => a.rule === 'speaker-colon');
    expect(turns.map((a) => [spanText(text, doc, a.source), spanText(text, doc, a.cue), spanText(text, doc, a.content[0])])).toEqual([
      ['WALLACE', ':', 'Will she be there?'],
      ['PENCE', ':', 'She will not be attending the debate.'],
    ]);
  });
  it('leaves headers of the same form alone', () => {
    const text = 'The story ran on Monday.\n\nCORRECTION: An earlier version misstated the date.';
    expect(applyRules(viewOf(segment(text), lex, tagger), [])).toEqual([]);
  });
});

describe('extend-cue', () => {
  it.each([
    ['Trump railed against the deal.', 'railed', 'railed against', 'the deal.'],
    ['She was talking about taxes.', 'talking', 'talking about', 'taxes.'],
    ['Smith said of the plan that it failed.', 'said', 'said', 'of the plan that it failed.'],
  ])('%s: %s → %s', (text, cueWord, cue, content) => {
    const doc = viewOf(segment(text), lex, tagger);
    const i = doc.tokens.findIndex((t) => t.text === cueWord);
    const last = doc.tokens.length;
    const [a] = applyRules(doc, [{ cue: { start: i, end: i + 1 }, content: [{ start: i + 1, end: last }], confidence: 1 }]);
    expect([spanText(text, doc, a?.cue), spanText(text, doc, a?.content[0])]).toEqual([cue, content]);
  });
});

describe('headline-colon', () => {
  it('reads "Name: headline" as that person’s claim when the article names them', () => {
    const text = 'Pence: Gennifer Flowers Won’t Be at Debate.\n\nGov. Mike Pence said on Sunday that she would not attend.';
    const doc = viewOf(segment(text), lex, tagger);
    const [a] = applyRules(doc, []).filter((x) => x.rule === 'headline-colon');
    expect([spanText(text, doc, a?.source), spanText(text, doc, a?.cue), spanText(text, doc, a?.content[0])]).toEqual([
      'Pence',
      ':',
      'Gennifer Flowers Won’t Be at Debate',
    ]);
  });
  it.each([
    'Breaking: Federal Judge Gave Clinton Bad News.\n\nA judge ruled on Friday.',
    'The Latest: Trump urges supporters to monitor polling places.\n\nTrump spoke on Monday.',
  ])('leaves %j alone', (text) => {
    expect(applyRules(viewOf(segment(text), lex, tagger), []).filter((x) => x.rule === 'headline-colon')).toEqual([]);
  });
});

describe('namingCalled', () => {
  it.each([
    ['The program, called EB-5, allows foreign investors in.', true],
    ['He backed a Pakistan-based group called Lashkar-e-Taiba.', true],
    ['They fought the so called Cadillac tax.', true],
    ['Cruz called Trump a "pathological liar."', false],
    ['One lawmaker called Trump "the orange prince."', false],
    ['It was what he called "our arguments this year."', false],
  ] as const)('%s → %s', (text, naming) => {
    const doc = viewOf(segment(text), lex, tagger);
    const i = doc.tokens.findIndex((t) => t.lower === 'called');
    expect(namingCalled(doc, { start: i, end: i + 1 })).toBe(naming);
  });
});

describe('colonParagraph', () => {
  it('gives a paragraph-final "added:" the next paragraph as content, the colon in the cue', () => {
    const text = 'Limbaugh added:\n\nAnd from a supposed front-runner, this is transparent.';
    const doc = viewOf(segment(text), lex, tagger);
    const r = colonParagraph(doc, { start: 1, end: 2 });
    expect(spanText(text, doc, r?.cue)).toBe('added:');
    expect(spanText(text, doc, r?.content)).toBe('And from a supposed front-runner, this is transparent.');
    expect(colonParagraph(viewOf(segment('He added: it works.'), lex, tagger), { start: 1, end: 2 })).toBeUndefined();
  });
});

describe('nested-cue', () => {
  it('gives the outer cue the content a cue inside it took, and drops the inner one', () => {
    const text =
      'Phil Smith, a spokesman for the United Mine Workers of America, said the union expected production to improve at the mine when the broader coal market recovered.';
    const doc = viewOf(segment(text), lex, tagger);
    const got = predictAttributions(loadClaimModel(), doc, lex).map((a) => [
      spanText(text, doc, a.cue),
      spanText(text, doc, a.content[0]),
      a.rule,
    ]);
    expect(got).toEqual([
      ['said', 'the union expected production to improve at the mine when the broader coal market recovered', 'nested-cue'],
    ]);
  });
});

describe('cue scoring split', () => {
  it('decodes the same with word-type scores cached as with every template listed (training’s view)', () => {
    const model = loadClaimModel();
    const text = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');
    const doc = viewOf(segment(text), lex, tagger);
    const L = model.cue.labels.length;
    const b = model.cue.labels.indexOf('B-CUE');
    const whole = doc.sentences.flatMap((s, si) => {
      const seq = cueFeatures(doc, si);
      const prior = new Float64Array((s.end - s.start) * L);
      for (let i = 0; i < s.end - s.start; i++) prior[i * L + b] = CUE_BIAS;
      const out = model.cue.decodeHashed(seq, prior);
      return spansFromTags(out.labels, 'BIO').map((sp) => ({
        start: s.start + sp.start,
        end: s.start + sp.end,
        confidence: out.confidence.slice(sp.start, sp.end).reduce((x, y) => x + y, 0) / (sp.end - sp.start),
      }));
    });
    expect(whole.length).toBeGreaterThan(10);
    expect(decodeCues(model, doc)).toEqual(whole);
  });
});

describe('role scoring split', () => {
  it('decodes the same with grouped scores cached as with every template listed (training’s view)', () => {
    const model = loadClaimModel();
    const text = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');
    const doc = viewOf(segment(text), lex, tagger);
    const cues = decodeCues(model, doc);
    expect(cues.length).toBeGreaterThan(10);
    const isCue = new Uint8Array(doc.tokens.length);
    for (const c of cues) for (let i = c.start; i < c.end; i++) isCue[i] = 1;
    for (const c of cues) {
      const w = roleWindow(doc, c.start);
      const other = (i: number): boolean => isCue[i] === 1 && (i < c.start || i >= c.end);
      const whole = model.role.decodeHashed(roleFeatures(doc, w, c, other, lex.known), undefined, false).labels;
      expect(decodeRoles(model, doc, roleWindowFacts(doc, w, c, other, lex.known))).toEqual(spansFromTags(whole, 'BIO'));
    }
  });
  // One cue's window ("said"), and the role model's scores of a feature list.
  function saidWindow() {
    const model = loadClaimModel();
    const doc = viewOf(segment('Russia said on Thursday that the talks had failed, officials told reporters.'), lex, tagger);
    const cue = { start: 1, end: 2 };
    const f = roleWindowFacts(doc, roleWindow(doc, cue.start), cue, () => false, lex.known);
    const score = (feats: Uint32Array): number[] => Array.from(model.role.scoreHashed(feats));
    return { doc, f, score };
  }
  const sumOf = (parts: readonly number[][]): number[] =>
    (parts[0] as number[]).map((_, y) => parts.reduce((total, part) => total + (part[y] as number), 0));

  it('splits the cue group into lemma, after-cue and before-cue parts that add up to it', () => {
    const { f, score } = saidWindow();
    for (let j = 0; j < f.end - f.start; j++) {
      const side = f.side[j] as number;
      const parts = [
        score(roleCueLemmaFeatures(f.lemma, roleCueKey(f, j))),
        score(roleAfterCueFeatures(f.afterCue, side * 9 + (f.distance[j] as number))),
        score(roleBeforeCueFeatures(f.beforeCue, side)),
      ];
      expect(sumOf(parts)).toEqual(score(roleCueFeatures(f, j)));
    }
  });
  it('splits the tag group into parts whose scores by key add up to it', () => {
    const { doc, f, score } = saidWindow();
    const keys = new Int32Array(3);
    for (let j = 0; j < f.end - f.start; j++) {
      roleTagKeys(doc, f, j, keys);
      const parts = [0, 1, 2].map((p) => score(roleTagPartFeatures(p, keys[p] as number)));
      expect(sumOf(parts)).toEqual(score(roleTagFeatures(doc, f, j)));
      expect(
        [
          ...roleTagPartFeatures(0, keys[0] as number),
          ...roleTagPartFeatures(1, keys[1] as number),
          ...roleTagPartFeatures(2, keys[2] as number),
        ].sort(),
      ).toEqual([...roleTagFeatures(doc, f, j)].sort());
    }
  });
});
