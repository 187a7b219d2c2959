// ECB+ (Cybulska & Vossen 2014) as staged in ../shared/data/ecbplus: one
// article per JSONL line with gold mentions and cross-document coreference.
// Turns a topic's gold event mentions into EventMentions (the "gold mentions"
// setting) and its gold chains into a key partition for scoring.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EventMention, PairContext, RelatedLemmas } from './events.ts';
import { headLemma, headWord } from './lemma.ts';
import { contentWords, inverseDocumentFrequency, type SparseVector, termCounts, tfidfVector } from './text.ts';

const MentionSchema = z.object({
  m_id: z.string(),
  type: z.string(),
  text: z.string(),
  sentence: z.number().int().nonnegative(),
});

const ArticleSchema = z.object({
  doc_name: z.string(),
  topic: z.number().int(),
  subtopic: z.string(),
  source_url: z.string().nullable(),
  sentences: z.array(z.string()),
  text: z.string(),
  mentions: z.array(MentionSchema),
  cross_doc_coref: z.array(z.object({ instance: z.string(), mentions: z.array(z.string()) })),
});
export type EcbArticle = z.infer<typeof ArticleSchema>;

/** Dev topics by convention (Cybulska & Vossen 2015; Barhom et al. 2019); 36–45 are test and sealed. */
export const ECB_DEV_TOPICS: readonly number[] = [2, 5, 12, 18, 21, 23, 34, 35];
export const ECB_SEALED_TOPICS: readonly number[] = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45];

export class EcbFormatError extends Error {
  override readonly name = 'EcbFormatError';
}

export function readEcbPlus(path: string): EcbArticle[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EcbFormatError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const articles: EcbArticle[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new EcbFormatError(`${path}:${i + 1}: not JSON`);
    }
    const parsed = ArticleSchema.safeParse(json);
    if (!parsed.success)
      throw new EcbFormatError(
        `${path}:${i + 1}: not an ECB+ article (${parsed.error.issues[0]?.path.join('.') ?? '?'} ${parsed.error.issues[0]?.message ?? ''})`,
      );
    articles.push(parsed.data);
  });
  if (articles.length === 0) throw new EcbFormatError(`${path}: no articles`);
  return articles;
}

export function isEventMentionType(type: string): boolean {
  return type.startsWith('ACTION_') || type.startsWith('NEG_');
}

export interface EcbTopic {
  readonly topic: number;
  readonly mentions: readonly EventMention[];
  /** Gold partition of the mention keys. */
  readonly key: readonly (readonly string[])[];
  readonly ctx: Omit<PairContext, 'related' | 'dateWindowDays'>;
}

const mentionKey = (a: EcbArticle, mId: string): string => `${a.doc_name}#${mId}`;

/**
 * Builds one topic's event mentions. Which mentions: those the annotators
 * linked in the cross-document phase (CROSS_DOC_COREF, including one-mention
 * instances). The release's list of coreference-annotated sentences is not
 * staged, and this set is its closest stand-in (README: "Important note").
 * Arguments come from the gold participant/location/time mentions of the
 * same sentence: their words, never their gold chain ids.
 */
export function buildEcbTopic(topic: number, articles: readonly EcbArticle[]): EcbTopic {
  const docs = articles.filter((a) => a.topic === topic).sort((x, y) => x.doc_name.localeCompare(y.doc_name));
  const docWords = docs.map((a) => termCounts(contentWords(a.text)));
  const idf = inverseDocumentFrequency(docWords.map((c) => new Set(c.keys())));
  const docVectors = new Map<string, SparseVector>();
  docs.forEach((a, i) => {
    docVectors.set(a.doc_name, tfidfVector(docWords[i] as Map<string, number>, idf));
  });

  const mentions: EventMention[] = [];
  const chains = new Map<string, string[]>();
  for (const a of docs) {
    const byId = new Map(a.mentions.map((m) => [m.m_id, m]));
    const linked = new Set<string>();
    for (const chain of a.cross_doc_coref) {
      for (const mId of chain.mentions) {
        const m = byId.get(mId);
        if (!m || !isEventMentionType(m.type)) continue;
        linked.add(mId);
        const list = chains.get(chain.instance);
        if (list) list.push(mentionKey(a, mId));
        else chains.set(chain.instance, [mentionKey(a, mId)]);
      }
    }
    for (const m of a.mentions) {
      if (!linked.has(m.m_id)) continue;
      const sameSentence = a.mentions.filter((o) => o.sentence === m.sentence && !isEventMentionType(o.type));
      const participants = new Set(sameSentence.filter((o) => o.type.startsWith('HUMAN_')).flatMap((o) => contentWords(o.text)));
      const args = new Set(sameSentence.filter((o) => !o.type.startsWith('HUMAN_')).flatMap((o) => contentWords(o.text)));
      mentions.push({
        key: mentionKey(a, m.m_id),
        doc: a.doc_name,
        sentence: m.sentence,
        lemma: headLemma(m.text),
        head: headWord(m.text).toLowerCase(),
        participants,
        args,
        context: tfidfVector(termCounts(contentWords(a.sentences[m.sentence] ?? '')), idf),
      });
    }
  }
  return { topic, mentions, key: [...chains.values()], ctx: { docVectors } };
}

export type { RelatedLemmas };
