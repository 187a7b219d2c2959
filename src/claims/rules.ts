// Rules over the taggers' output, each named so provenance can say which
// fired, and each kept only if it does not lower PolNeAR dev figures:
// - `inherit-source`: a participial cue with no source (", labelling it …",
//   ", saying …") shares the source of the sentence's earlier cue; PolNeAR
//   annotates one shared Source for such chains.
// - `no-comment`: "has not (officially) commented on X", "refrained from
//   speculating on X", "declined to comment": refusals to state, which the
//   tagger misses when the wording is rare in the training news.
// - `extend-cue`: "said in an interview (Monday)", "said in a
//   statement": PolNeAR cues take the interview/statement adjunct
//   right after a speech verb (90 cues in train; a bare weekday is annotated
//   both ways, so it is left alone); and a cue takes the preposition it
//   governs ("talking about", "railed against", "support for").
// - `dash-attribution`: a quotation or a post closed by a dash and a name
//   ("… our greatest shame.” ― Sonya Herridge", "… the campaign. — Sahil
//   Kapur (@sahilkapur) August 31, 2016"): the dash is the cue, the name the
//   source, the text before it in its paragraph (or the paragraph before,
//   when the dash opens a line) the content. PolNeAR train annotates 11 such
//   dashes (tweets, candidates' quotes in fact checks); the tagger misses
//   them because the dash is rare and unlike any verb.
// - `speaker-colon`: transcript turns ("WALLACE: …"), see speakerAttributions.
// - naming "called" ("a group called X", "the so-called X", ", called
//   EB-5,") is dropped as a cue: it names, it does not report.
// - `headline-colon`: "Pence: Gennifer Flowers Won't Be at Debate", see headlineAttribution.
// - `colon-paragraph`: "Limbaugh added:" closing a paragraph introduces the
//   next one (applied in model.ts, where the role tagger found no content).
// - `content-stops-at-cue`: a content running on past the cue of another
//   attribution ("confirmed it was not informed … and refrained from …") is
//   cut before that cue; PolNeAR is univocal, a token has one role only.
import type { DocView, TokenView } from './features.ts';
import type { TokenAttribution } from './model.ts';

type Range = { start: number; end: number };

const AUX = new Set(['has', 'have', 'had', 'did', 'does', 'do', 'would', 'will', 'could', 'can', 'is', 'was', 'were', 'are']);
const NEG = new Set(['not', "n't", 'n’t', 'never']);
const ADVERB = /^(officially|publicly|yet|immediately|directly|formally|so far|still|also)$/;
const COMMENT_VERB = /^(comment|commented|commenting|respond|responded|responding|confirm|confirmed)$/;
const REFUSAL_VERB = /^(refrained|refrains|refrain|declined|declines|refused|refuses)$/;
const CLAUSE_END = new Set(['.', ';', '!', '?', ':']);
const DISCOURSE = /^(however|but|and|meanwhile|still|yet|so|also|instead|moreover)$/;

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Content after a refusal/no-comment cue: to the end of the clause. */
function clauseAfter(doc: DocView, from: number, sentenceEnd: number): Range | undefined {
  let end = from;
  while (end < sentenceEnd && !CLAUSE_END.has((doc.tokens[end] as TokenView).text)) {
    const t = doc.tokens[end] as TokenView;
    // Stop at a coordinated new predicate: ", and" / "and" + past-tense verb.
    if (t.lower === 'and' && /ed$/.test(doc.tokens[end + 1]?.lower ?? '')) break;
    end++;
  }
  return end > from ? { start: from, end } : undefined;
}

/** The subject before a cue: back to a comma or the sentence start, minus discourse markers. */
function subjectBefore(doc: DocView, cueStart: number, sentenceStart: number): Range | undefined {
  let start = cueStart;
  while (start > sentenceStart) {
    const t = doc.tokens[start - 1] as TokenView;
    if (t.text === ',' || CLAUSE_END.has(t.text) || t.lower === 'and' || t.lower === 'that') break;
    start--;
  }
  while (start < cueStart && DISCOURSE.test((doc.tokens[start] as TokenView).lower)) start++;
  return start < cueStart ? { start, end: cueStart } : undefined;
}

const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const ADJUNCT_DET = /^(a|an|his|her|their|its|the)$/;
const ADJUNCT_HEAD = /^(interview|statement|speech|email|tweet|post|briefing)$/;

/** The end of a cue extended over an "in a (…) statement" adjunct (and a weekday after it), or a preposition it governs. */
function extendedCueEnd(doc: DocView, cue: Range, sentenceEnd: number): number {
  const at = (i: number): string => (i < sentenceEnd ? (doc.tokens[i] as TokenView).lower : '');
  let end = cue.end;
  if (at(end) === 'in' && ADJUNCT_DET.test(at(end + 1))) {
    for (let k = end + 2; k <= end + 4 && k < sentenceEnd; k++) {
      if (ADJUNCT_HEAD.test(at(k))) {
        end = k + 1;
        return WEEKDAY.test(at(end)) ? end + 1 : end;
      }
      if (!/^\p{L}+$/u.test(at(k))) break;
    }
  }
  const prep = at(end);
  if (CUE_PREPOSITION.test(prep) && !SAY.test(at(end - 1)) && !/^(that|to|in|by|from|at)$/.test(at(end - 1))) {
    return end + 1;
  }
  return end;
}

// PolNeAR train puts these in the cue when they follow it ("talking about",
// "railed against", "support for", "criticism of"): 84–98 % of the time,
// against 73 % or less for with/on/as/at/by/in/from/to (and "said of/on" is
// mostly "said" + content or adjunct, so speech verbs are left alone).
const CUE_PREPOSITION = /^(about|against|for|of|over)$/;
const SAY = /^(say|says|said|saying|tell|tells|told|telling)$/;

const DASH = /^(―|—|–|-|--)$/;
const CLOSING = /^(”|"|»|'|\.|!|\?)$/;
const CAPITALISED = /^\p{Lu}[\p{L}.'’-]*$/u;
const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

/** Tokens [from, to) of the paragraph holding token i. */
function paragraphOf(doc: DocView, i: number): Range {
  const p = (doc.tokens[i] as TokenView).paragraph;
  let from = i;
  let to = i + 1;
  while (from > 0 && (doc.tokens[from - 1] as TokenView).paragraph === p) from--;
  while (to < doc.tokens.length && (doc.tokens[to] as TokenView).paragraph === p) to++;
  return { start: from, end: to };
}

/** The name after a dash (1–4 capitalised words, an optional "(@handle)"), when the line ends there or with a date. */
function nameAfterDash(doc: DocView, dash: number, lineEnd: number): Range | undefined {
  let end = dash + 1;
  while (end < lineEnd && end - dash <= 4 && CAPITALISED.test((doc.tokens[end] as TokenView).text)) end++;
  if (end === dash + 1) return undefined;
  const name = { start: dash + 1, end };
  if (doc.tokens[end]?.text === '(' && doc.tokens[end + 1]?.text.startsWith('@') && doc.tokens[end + 2]?.text === ')') {
    end += 3;
    name.end = end;
  }
  const rest = doc.tokens.slice(end, lineEnd).map((t) => t.text);
  const tail = rest.length === 0 || (rest.length === 1 && rest[0] === '.') || MONTH.test(rest[0] ?? '');
  return tail ? name : undefined;
}

function dashAttributions(doc: DocView, taken: (r: Range) => boolean): TokenAttribution[] {
  const found: TokenAttribution[] = [];
  for (let d = 0; d < doc.tokens.length; d++) {
    if (!DASH.test((doc.tokens[d] as TokenView).text)) continue;
    const line = paragraphOf(doc, d);
    const source = nameAfterDash(doc, d, line.end);
    if (!source) continue;
    // The quotation is this line's text before the dash, or the line before when the dash opens the line.
    const content = d > line.start ? { start: line.start, end: d } : d > 0 ? paragraphOf(doc, d - 1) : undefined;
    if (!content || content.end <= content.start) continue;
    if (!CLOSING.test((doc.tokens[content.end - 1] as TokenView).text)) continue;
    const cue = { start: d, end: d + 1 };
    if (taken(cue)) continue;
    found.push({ cue, source, content: [content], confidence: 0.5, rule: 'dash-attribution' });
  }
  return found;
}

const SPEAKER_WORD = /^\p{Lu}[\p{Lu}.'’-]+$/u;
const TITLE_WORD = /^\p{Lu}[\p{Ll}.'’-]+$/u;
const OPENING_QUOTE = /^(“|"|')$/;

/** The speaker label opening a transcript paragraph ("WALLACE: …", "“JAKE TAPPER: …"): the name's tokens and the colon. */
function speakerLabel(doc: DocView, line: Range): { name: Range; colon: number } | undefined {
  let i = line.start;
  if (i < line.end && OPENING_QUOTE.test((doc.tokens[i] as TokenView).text)) i++;
  const from = i;
  while (i < line.end && i - from < 3 && SPEAKER_WORD.test((doc.tokens[i] as TokenView).text)) i++;
  if (i === from || doc.tokens[i]?.text !== ':' || i + 1 >= doc.tokens.length) return undefined;
  if ((doc.tokens[i + 1] as TokenView).paragraph !== (doc.tokens[i] as TokenView).paragraph) return undefined;
  return { name: { start: from, end: i }, colon: i };
}

/**
 * Transcript speaker labels: a paragraph opened by an upper-case name and a
 * colon is that speaker's turn (PolNeAR train annotates the colon as the cue,
 * the name as the source, the turn as the content). Headers of the same form
 * ("CORRECTION:", "VIDEO:", "UPDATE:") are not speakers: the label must name
 * someone the article names in title case after another capitalised word
 * ("Chris Wallace", "Gov. Pence"), or be used for several turns.
 */
function speakerAttributions(doc: DocView, taken: (r: Range) => boolean): TokenAttribution[] {
  const turns: { name: Range; colon: number; line: Range; key: string }[] = [];
  // Paragraph starts are sentence starts: only those are looked at.
  for (const [si, s] of doc.sentences.entries()) {
    if (s.end <= s.start || (si > 0 && (doc.sentences[si - 1] as { paragraph: number }).paragraph === s.paragraph)) continue;
    const label = speakerLabel(doc, s);
    if (!label) continue;
    const line = paragraphOf(doc, s.start);
    turns.push({ ...label, line, key: (doc.tokens[label.name.end - 1] as TokenView).lower });
  }
  if (turns.length === 0) return [];
  const named = new Set<string>();
  for (let i = 1; i < doc.tokens.length; i++) {
    const t = doc.tokens[i] as TokenView;
    if (TITLE_WORD.test(t.text) && /^\p{Lu}/u.test((doc.tokens[i - 1] as TokenView).text)) named.add(t.lower);
  }
  const uses = new Map<string, number>();
  for (const t of turns) uses.set(t.key, (uses.get(t.key) ?? 0) + 1);
  const found: TokenAttribution[] = [];
  for (const t of turns) {
    if (!named.has(t.key) && ((uses.get(t.key) ?? 0) < 2 || uses.size < 2)) continue;
    const cue = { start: t.colon, end: t.colon + 1 };
    const content = { start: t.colon + 1, end: t.line.end };
    if (taken(cue)) continue;
    found.push({ cue, source: t.name, content: [content], confidence: 0.5, rule: 'speaker-colon' });
  }
  return found;
}

const HEADLINE_WORD = /^\p{Lu}[\p{L}.'’-]*$/u;

/**
 * `headline-colon`: a headline "Pence: Gennifer Flowers Won't Be at Debate."
 * reports what the named person said: the colon is the cue, the name the
 * source, the rest of the headline the content. Only when the name's last
 * word recurs in the article (so "Breaking:", "Revealed:" are left alone),
 * and not for "The Latest:" or upper-case labels (speaker-colon's). Train:
 * 58 such headlines, 52 annotated so.
 */
function headlineAttribution(doc: DocView, taken: (r: Range) => boolean): TokenAttribution | undefined {
  if (doc.tokens.length === 0) return undefined;
  const line = paragraphOf(doc, 0);
  let i = 0;
  while (i < line.end && i < 4 && HEADLINE_WORD.test((doc.tokens[i] as TokenView).text)) i++;
  if (i === 0 || doc.tokens[i]?.text !== ':' || i + 1 >= line.end) return undefined;
  const name = doc.tokens.slice(0, i).map((t) => t.text);
  if (/^(the|a|an)$/i.test(name[0] as string) || name.every((w) => w === w.toUpperCase())) return undefined;
  const last = name[name.length - 1] as string;
  let named = false;
  for (let k = line.end; k < doc.tokens.length && !named; k++) named = (doc.tokens[k] as TokenView).text === last;
  if (!named) return undefined;
  let end = line.end;
  if (doc.tokens[end - 1]?.text === '.') end--;
  const cue = { start: i, end: i + 1 };
  if (end <= i + 1 || taken(cue)) return undefined;
  return { cue, source: { start: 0, end: i }, content: [{ start: i + 1, end }], confidence: 0.5, rule: 'headline-colon' };
}

/**
 * `colon-paragraph`: a cue closing its paragraph with a colon ("Limbaugh
 * added:", "The New York Times reports:") introduces the next paragraph,
 * which the role tagger's window (the cue's paragraph) cannot reach. The
 * cue, extended over the colon as PolNeAR marks it, and that paragraph.
 */
export function colonParagraph(doc: DocView, cue: Range): { cue: Range; content: Range } | undefined {
  const colon = doc.tokens[cue.end - 1]?.text === ':' ? cue.end - 1 : doc.tokens[cue.end]?.text === ':' ? cue.end : -1;
  if (colon < 0 || colon + 1 >= doc.tokens.length) return undefined;
  if ((doc.tokens[colon + 1] as TokenView).paragraph === (doc.tokens[colon] as TokenView).paragraph) return undefined;
  return { cue: { start: cue.start, end: colon + 1 }, content: paragraphOf(doc, colon + 1) };
}

const ARTICLE = /^(a|an)$/;
const LOWER_WORD = /^(\p{Ll}[\p{Ll}-]*|[\p{L}]+-\p{Ll}+)$/u;
const NAME_WORD = /^(\p{Lu}|\d|“|"|‘)/u;

/**
 * "called" naming a thing rather than reporting speech: "the so-called
 * Ferguson Effect", "a super PAC called Future45", "The program, called
 * EB-5, allows …". ("what he called X" is left alone: train annotates it
 * as a cue about half the time.)
 */
export function namingCalled(doc: DocView, cue: Range): boolean {
  if (cue.end - cue.start !== 1 || (doc.tokens[cue.start] as TokenView).lower !== 'called') return false;
  const at = (i: number): string => (i >= 0 && i < doc.tokens.length ? (doc.tokens[i] as TokenView).text : '');
  const i = cue.start;
  const prev = at(i - 1).toLowerCase();
  if (prev === 'so' || prev === 'so-' || (prev === '-' && at(i - 2).toLowerCase() === 'so')) return true;
  // An indefinite noun phrase ending right before: "a (Pakistan-based) group called X".
  for (let k = i - 1; k >= i - 4 && LOWER_WORD.test(at(k)); k--) {
    if (ARTICLE.test(at(k - 1).toLowerCase())) return NAME_WORD.test(at(i + 1));
  }
  // An apposition closed by a comma: ", called EB-5,".
  if (prev === ',') {
    let j = i + 1;
    while (j < doc.tokens.length && j - i <= 4 && NAME_WORD.test(at(j))) j++;
    if (j > i + 1 && at(j) === ',') return true;
  }
  return false;
}

export function applyRules(doc: DocView, tagged: readonly TokenAttribution[]): TokenAttribution[] {
  // Speaker turns are univocal: a cue the tagger found inside one is the speaker's.
  const speakers = speakerAttributions(doc, (r) => tagged.some((a) => overlaps(a.cue, r)));
  const inTurn = (a: TokenAttribution): boolean =>
    speakers.some((s) => s.content.some((c) => c.start <= a.cue.start && a.cue.end <= c.end));
  const kept = tagged.filter((a) => !inTurn(a) && !namingCalled(doc, a.cue));
  const headline = headlineAttribution(doc, (r) => kept.some((a) => overlaps(a.cue, r)));
  const ruled = [...kept, ...speakers, ...(headline ? [headline] : [])];
  // A quotation signed by a dash is univocal too: cues the tagger found inside it are dropped.
  const dashes = dashAttributions(doc, (r) => ruled.some((a) => overlaps(a.cue, r)));
  const inQuotation = (a: TokenAttribution): boolean =>
    dashes.some((d) => d.content.some((c) => c.start <= a.cue.start && a.cue.end <= c.end));
  const predicted = ruled.filter((a) => !inQuotation(a));
  const out: TokenAttribution[] = [...predicted, ...dashes].map((a) => {
    const sentence = doc.sentences[(doc.tokens[a.cue.start] as TokenView).sentence] as Range;
    const end = extendedCueEnd(doc, a.cue, sentence.end);
    if (end === a.cue.end) return a;
    // The adjunct leaves whatever role the tagger gave it.
    const content = a.content
      .map((f) => (f.start < end && f.end > a.cue.end ? { start: Math.max(f.start, end), end: f.end } : f))
      .filter((f) => f.end > f.start);
    const source = a.source && a.source.start < end && a.source.end > a.cue.end ? undefined : a.source;
    if (content.length === 0) return a;
    const extended = { cue: { start: a.cue.start, end }, content, confidence: a.confidence, rule: 'extend-cue' };
    return source ? { ...extended, source } : extended;
  });
  // no-comment cues the tagger missed
  for (const s of doc.sentences) {
    for (let i = s.start; i < s.end; i++) {
      const t = doc.tokens[i] as TokenView;
      let cue: Range | undefined;
      let contentFrom = -1;
      if (AUX.has(t.lower)) {
        let j = i + 1;
        let negated = false;
        while (j < s.end && (NEG.has((doc.tokens[j] as TokenView).lower) || ADVERB.test((doc.tokens[j] as TokenView).lower))) {
          if (NEG.has((doc.tokens[j] as TokenView).lower)) negated = true;
          j++;
        }
        if (negated && j < s.end && COMMENT_VERB.test((doc.tokens[j] as TokenView).lower)) {
          cue = { start: i, end: j + 1 };
          const next = doc.tokens[j + 1]?.lower;
          contentFrom = next === 'on' || next === 'about' || next === 'to' ? j + 2 : j + 1;
        }
      } else if (REFUSAL_VERB.test(t.lower)) {
        const next = doc.tokens[i + 1]?.lower;
        if (next === 'from' || next === 'to') {
          cue = { start: i, end: i + 1 };
          contentFrom = i + 1;
        }
      }
      if (!cue || out.some((a) => overlaps(a.cue, cue))) continue;
      const content = clauseAfter(doc, contentFrom, s.end);
      if (!content) continue;
      const coordinated = doc.tokens[cue.start - 1]?.lower === 'and';
      const earlier = out
        .filter((a) => a.source && a.cue.end <= cue.start && a.cue.start >= s.start)
        .sort((a, b) => b.cue.start - a.cue.start)[0];
      const source = coordinated && earlier?.source ? earlier.source : subjectBefore(doc, cue.start, s.start);
      out.push({ cue, ...(source ? { source } : {}), content: [content], confidence: 0.5, rule: 'no-comment' });
      i = content.end;
    }
  }
  // contents stop at another attribution's cue
  const cueAt = new Uint8Array(doc.tokens.length);
  for (const a of out) for (let i = a.cue.start; i < a.cue.end; i++) cueAt[i] = 1;
  const trimmed = out.map((a) => {
    let changed = false;
    const content = a.content.flatMap((f) => {
      if (f.start < a.cue.end) return [f];
      let end = f.start;
      while (end < f.end && !cueAt[end]) end++;
      if (end === f.end) return [f];
      changed = true;
      while (end > f.start && /^(and|but|,|;|while|as|then)$/.test((doc.tokens[end - 1] as TokenView).lower)) end--;
      return end > f.start ? [{ start: f.start, end }] : [];
    });
    return changed && content.length > 0 ? { ...a, content, rule: a.rule ? `${a.rule}+content-stops-at-cue` : 'content-stops-at-cue' } : a;
  });
  // participial cues inherit the sentence's earlier source
  const sorted = trimmed.sort((a, b) => a.cue.start - b.cue.start);
  return sorted.map((a) => {
    if (a.source) return a;
    const first = doc.tokens[a.cue.start] as TokenView;
    if (!/ing$/.test(first.lower) || doc.tokens[a.cue.start - 1]?.text !== ',') return a;
    const earlier = sorted
      .filter((b) => b.source && b.cue.end <= a.cue.start && (doc.tokens[b.cue.start] as TokenView).sentence === first.sentence)
      .at(-1);
    return earlier?.source ? { ...a, source: earlier.source, rule: 'inherit-source' } : a;
  });
}
