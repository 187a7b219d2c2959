import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { francLanguage } from './language.ts';

// francLanguage must give franc-min's answer for every input: it replaces
// franc only for speed.
const SAMPLES: readonly [string, string][] = [
  ['Russian forces shelled the town of Sudzha on Thursday, the regional governor said in a statement.', 'eng'],
  ['Las fuerzas rusas bombardearon la ciudad de Sudzha el jueves, dijo el gobernador regional en un comunicado.', 'spa'],
  ['Les forces russes ont bombardé la ville de Soudja jeudi, a déclaré le gouverneur régional dans un communiqué.', 'fra'],
  ['Die russischen Streitkräfte haben am Donnerstag die Stadt Sudscha beschossen, teilte der Gouverneur der Region mit.', 'deu'],
  ['Российские войска в четверг обстреляли город Суджа, заявил губернатор области в своём заявлении для прессы.', 'rus'],
  ['Російські війська в четвер обстріляли місто Суджа, заявив губернатор області у своїй заяві для преси сьогодні.', 'ukr'],
  ['قصفت القوات الروسية مدينة سودجا يوم الخميس، حسبما قال حاكم المنطقة في بيان صدر اليوم عن مكتبه الإعلامي.', 'arb'],
  ['Οι ρωσικές δυνάμεις βομβάρδισαν την πόλη Σούτζα την Πέμπτη, δήλωσε ο περιφερειάρχης σε ανακοίνωσή του σήμερα.', 'ell'],
  [
    '俄罗斯军队周四炮击了苏贾镇，地区州长在一份声明中说。俄罗斯军队周四炮击了苏贾镇，地区州长在一份声明中说。俄罗斯军队周四炮击了苏贾镇。',
    'cmn',
  ],
  ['1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890', 'und'],
  ['!!!! ???? .... ,,,, ;;;; :::: !!!! ???? .... ,,,, ;;;; :::: !!!! ???? .... ,,,,', 'und'],
];

/** A seeded generator, so a failure names an input that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POOL = [
  'the ',
  'and ',
  'of ',
  'que ',
  'der ',
  'ción ',
  'ный ',
  'від ',
  'في ',
  'की ',
  'την ',
  '的',
  'Ölçü ',
  'İstanbul ',
  'ΣΟΦΊΑ ',
  '🇷🇺 ',
  '\u00a0',
  '\n',
  '3,000 ',
  '—',
  '"',
  'x',
  'qz ',
];

describe('francLanguage', () => {
  it.each(SAMPLES)('%s → %s, as franc says', (text, expected) => {
    expect(francLanguage(text, 60)).toBe(franc(text, { minLength: 60 }));
    expect(francLanguage(text, 60)).toBe(expected);
  });

  it('agrees with franc on 1,000 random mixtures of scripts, words and punctuation', () => {
    const next = random(8);
    for (let n = 0; n < 1000; n++) {
      const parts: string[] = [];
      const length = 5 + Math.floor(next() * 120);
      for (let k = 0; k < length; k++) parts.push(POOL[Math.floor(next() * POOL.length)] as string);
      const text = parts.join('');
      expect(francLanguage(text, 10), `input ${n}: ${JSON.stringify(text)}`).toBe(franc(text, { minLength: 10 }));
    }
  });

  it('is undetermined under the minimum length', () => {
    expect(francLanguage('short', 60)).toBe('und');
    expect(francLanguage('', 10)).toBe('und');
  });
});
