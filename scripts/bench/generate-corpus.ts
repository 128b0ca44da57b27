/**
 * Article-like text for the benchmark, deterministic from a seed: news-shaped articles (front matter,
 * headline, standfirst, 12–30 body paragraphs of 1–3 sentences of 8–34 words, the odd subheading and
 * quotation) over a Zipf-distributed vocabulary of common English news words and invented words, with
 * invented people, places and organisations. Nothing here reads the real corpus.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A small, fast, seedable PRNG (mulberry32): the same seed always gives the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Common words of English news copy: the head of the Zipf distribution. */
const COMMON = `government officials said people year new police minister week state country president public
city report court law plan million percent company workers group leaders security talks deal election
party military forces water health school children families market prices energy budget vote council
service program support rights policy news attack region border trade economy industry union strike
local national international federal agency department office committee members director spokesman
statement announced agreed rejected warned called expected reported confirmed denied decided approved
killed injured arrested charged released opened closed started ended increased fell rose cut raised
earlier later recent major former senior top chief early late high low long short first second third
home house road bridge port river hospital station airport building street village capital province
system project contract fund funding cost costs tax taxes pay wages jobs work workers staff employees
investigation inquiry review decision ruling appeal case trial judge lawyer evidence witness victims
storm flood fire drought heat weather rain climate emissions power plant oil gas coal electricity grid
talks negotiations meeting summit visit agreement ceasefire protest protesters demonstrators crowd
army troops soldiers fighters rebels militants weapons missiles drones aircraft ships vessels convoy
team season match game players coach club league title championship record fans stadium
bank banks rates inflation growth debt loans investors shares profits losses revenue sales exports`
  .split(/\s+/)
  .filter(Boolean);

const FUNCTION_WORDS =
  `the of and to in a that for on with as at by from its was were is are has have had be been
will would could not it this their which after but over about into than who they also more`.split(/\s+/);

const FUNCTION_SET = new Set(FUNCTION_WORDS);

const SYLLABLES =
  'ka lo mi re su ta ven dor bel mar tis pra gon lun sel tor vik ran del fen hol quin zar bri cal nesh ost'.split(
    ' ',
  );

function inventWord(next: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return w;
}

const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export interface GeneratorOptions {
  /** Articles to write. */
  articles: number;
  /** Seed of the PRNG. Default 7. */
  seed: number;
  /** Distinct content words (common words first, invented words after). Default 40,000. */
  vocabulary: number;
  /** Zipf exponent of word frequencies. Default 1.05: close to natural text. */
  zipf: number;
}

export const GENERATOR_DEFAULTS: Omit<GeneratorOptions, 'articles'> = {
  seed: 7,
  vocabulary: 40_000,
  zipf: 1.05,
};

/** A generated article: its file name and text, plus a few facts the benchmark asks questions about. */
export interface GeneratedArticle {
  file: string;
  text: string;
  /** Content words of one body sentence, for an answerable question. */
  questionWords: string[];
  /** The person named in that sentence. */
  person: string;
}

/** Generates the corpus in memory. */
export function generateArticles(options: Pick<GeneratorOptions, 'articles'> & Partial<GeneratorOptions>) {
  const o = { ...GENERATOR_DEFAULTS, ...options };
  const next = random(o.seed);
  // One Zipf distribution over function words (the head, as in real text), common news words, then
  // invented words: the most frequent content word is then about as common as in real news copy.
  const words = [...FUNCTION_WORDS, ...COMMON];
  const seen = new Set(words);
  while (words.length < o.vocabulary) {
    const w = inventWord(next, 2 + Math.floor(next() * 3));
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Cumulative Zipf weights, sampled by binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= words.length; r++) cumulative.push((total += 1 / r ** o.zipf));
  const word = () => {
    const x = next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const firstNames = Array.from({ length: 400 }, () => capitalise(inventWord(next, 2)));
  const surnames = Array.from({ length: 2000 }, () =>
    capitalise(inventWord(next, 2 + Math.floor(next() * 2))),
  );
  const places = Array.from({ length: 600 }, () => capitalise(inventWord(next, 2 + Math.floor(next() * 2))));
  const roles = ['Minister', 'spokesman', 'Mayor', 'director', 'Governor', 'union leader', 'analyst'];
  const publishers = ['Daily Ledger', 'Coastal Courier', 'Northern Wire', 'Evening Post', 'Metro Herald'];

  const sentence = (names: string[], place: string): { text: string; content: string[] } => {
    const length = 8 + Math.floor(next() * 27);
    const out: string[] = [];
    const content: string[] = [];
    for (let i = 0; i < length; i++) {
      const roll = next();
      if (roll < 0.05) out.push(pick(names));
      else if (roll < 0.08) out.push(place);
      else if (roll < 0.1) out.push(String(Math.floor(next() * 5000)));
      else {
        const w = word();
        out.push(w);
        if (!FUNCTION_SET.has(w)) content.push(w);
      }
    }
    out[0] = capitalise(out[0]!);
    const text = `${out.join(' ')}${next() < 0.1 ? '?' : '.'}`;
    return { text, content };
  };

  const articles: GeneratedArticle[] = [];
  for (let a = 0; a < o.articles; a++) {
    const person = `${pick(firstNames)} ${pick(surnames)}`;
    const other = `${pick(firstNames)} ${pick(surnames)}`;
    const place = pick(places);
    const names = [person.split(' ')[1]!, other.split(' ')[1]!];
    const title = `${capitalise(pick(COMMON))} ${pick(COMMON)} in ${place} as ${names[0]} ${pick(['warns', 'says', 'backs', 'rejects'])} ${word()} ${word()}`;
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const lines = [
      '---',
      `title: "${title}"`,
      `publisher: ${pick(publishers)}`,
      `published: ${date}`,
      '---',
      title,
      '',
      sentence(names, place).text,
      '',
      `${pick(roles)} ${person} said on ${pick(['Monday', 'Tuesday', 'Friday'])} that ${sentence(names, place).text.toLowerCase()}`,
      '',
    ];
    const paragraphs = 12 + Math.floor(next() * 19);
    let questionWords: string[] = [];
    for (let p = 0; p < paragraphs; p++) {
      if (p > 0 && p % 8 === 0) lines.push(capitalise(`${word()} ${word()} ${word()}`), '');
      const sentences = 1 + Math.floor(next() * 3);
      const parts: string[] = [];
      for (let s = 0; s < sentences; s++) {
        const made = sentence(names, place);
        if (p === 3 && s === 0) {
          questionWords = made.content.slice(0, 4);
          parts.push(`${person} said ${made.text[0]!.toLowerCase()}${made.text.slice(1)}`);
        } else if (next() < 0.08) {
          parts.push(`“${made.text}” said ${names[Math.floor(next() * 2)]}.`);
        } else parts.push(made.text);
      }
      lines.push(parts.join(' '), '');
    }
    articles.push({
      file: `${String(a).padStart(6, '0')}.txt`,
      text: lines.join('\n'),
      questionWords,
      person,
    });
  }
  return articles;
}

/** Writes the generated articles into `dir` (created if needed). */
export async function writeCorpus(dir: string, articles: readonly GeneratedArticle[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < articles.length; i += 200) {
    await Promise.all(articles.slice(i, i + 200).map((a) => writeFile(join(dir, a.file), a.text)));
  }
}

/** Questions about the generated articles: who said what, and word questions, deterministic from the seed. */
export function questionsFor(articles: readonly GeneratedArticle[], count: number, seed = 11): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = articles[Math.floor(next() * articles.length)]!;
    const surname = a.person.split(' ')[1]!;
    const w = a.questionWords;
    switch (i % 4) {
      case 0:
        out.push(`What did ${surname} say about ${w.slice(0, 2).join(' ')}?`);
        break;
      case 1:
        out.push(`Who said ${w.slice(0, 3).join(' ')}?`);
        break;
      case 2:
        out.push(`Why ${w.slice(0, 4).join(' ')}?`);
        break;
      default:
        out.push(`What happened to the ${w.slice(1, 3).join(' ')}?`);
    }
  }
  return out;
}
