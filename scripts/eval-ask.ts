/**
 * Retrieval evaluation: Byline's `/ask` against plain MiniSearch on the project's own question set
 * (test/eval/questions.json over test/eval/corpus). Used by `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { Engine } from '../src/engine/engine.ts';
import { evalWordVectors } from './eval-summary.ts';
import { passagesOf } from '../src/engine/search/index-parts.ts';
import { splitSentences } from '../src/engine/text/sentences.ts';
import type { Passage } from '../src/engine/types.ts';

export const EVAL_CORPUS = 'test/eval/corpus';
export const EVAL_QUESTIONS = 'test/eval/questions.json';

const QuestionSet = z.object({
  questions: z.array(z.object({ id: z.string(), q: z.string(), answers: z.array(z.string()) })),
});
type Question = z.infer<typeof QuestionSet>['questions'][number];

/** One system's answer to one question: passages best first, and the first passage's answer sentence. */
interface Ranked {
  texts: string[];
  answer: string | null;
}

export interface AskFigures {
  answerable: number;
  unanswerable: number;
  hit1: number;
  hit3: number;
  answer1: number;
  abstained: number;
  falseAbstentions: number;
  missed: string[];
}

/** Case, quote style, dashes and spacing ignored, as the shared scorer does. */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

const contains = (text: string, answers: string[]) =>
  answers.some((a) => comparableText(text).includes(comparableText(a)));

function score(questions: Question[], answer: (q: string) => Ranked): AskFigures {
  const f: AskFigures = {
    answerable: 0,
    unanswerable: 0,
    hit1: 0,
    hit3: 0,
    answer1: 0,
    abstained: 0,
    falseAbstentions: 0,
    missed: [],
  };
  for (const q of questions) {
    const r = answer(q.q);
    if (q.answers.length === 0) {
      f.unanswerable++;
      if (r.texts.length === 0) f.abstained++;
      else f.missed.push(`${q.id}(answered)`);
      continue;
    }
    f.answerable++;
    if (r.texts.length === 0) {
      f.falseAbstentions++;
      f.missed.push(`${q.id}(abstained)`);
      continue;
    }
    if (contains(r.texts[0]!, q.answers)) f.hit1++;
    else f.missed.push(q.id);
    if (r.texts.slice(0, 3).some((t) => contains(t, q.answers))) f.hit3++;
    if (r.answer !== null && contains(r.answer, q.answers)) f.answer1++;
  }
  return f;
}

/** Plain MiniSearch with its defaults over the same passages; the answer sentence is the one sharing most words. */
export function plainMiniSearch(passages: Passage[]): (q: string) => Ranked {
  const ms = new MiniSearch<Passage>({ fields: ['text'] });
  ms.addAll(passages);
  const byId = new Map(passages.map((p) => [p.id, p]));
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []);
  return (q) => {
    const texts = ms
      .search(q)
      .slice(0, 5)
      .map((r) => byId.get(r.id as string)!.text);
    const asked = words(q);
    const overlap = (s: string) => [...words(s)].filter((w) => asked.has(w)).length;
    const answer = texts[0]
      ? splitSentences(texts[0]).reduce((a, b) => (overlap(b) > overlap(a) ? b : a))
      : null;
    return { texts, answer };
  };
}

/** Which of the two ways of understanding other words than the article's are on (for the ablation). */
export interface Variant {
  vectors: boolean;
  vocabulary: boolean;
}

export interface AskEvaluation {
  subsets: { name: string; byline: AskFigures; plain: AskFigures }[];
}

/** Scores Byline and plain MiniSearch on the whole set, the seed article's questions, and the rest. */
export async function evaluateAsk(
  corpusDir = EVAL_CORPUS,
  questionsFile = EVAL_QUESTIONS,
  split: (questions: Question[]) => [string, Question[]][] = splitBySubject,
  variant: Variant = { vectors: true, vocabulary: true },
): Promise<AskEvaluation> {
  const { questions } = QuestionSet.parse(JSON.parse(readFileSync(questionsFile, 'utf8')));
  const engine = await Engine.load(corpusDir, { vocabulary: variant.vocabulary });
  engine.useVectors(variant.vectors ? evalWordVectors() : null);
  const byline = (q: string): Ranked => {
    const { hits } = engine.ask(q);
    return { texts: hits.map((h) => h.passage.text), answer: hits[0]?.answer ?? null };
  };
  const plain = plainMiniSearch(passagesOf(engine.articles));
  return {
    subsets: split(questions).map(([name, qs]) => ({
      name,
      byline: score(qs, byline),
      plain: score(qs, plain),
    })),
  };
}

/** The main set's subsets, by question id: s… the seed article, a…–d… invented articles, u… unanswerable. */
function splitBySubject(questions: Question[]): [string, Question[]][] {
  return [
    ['all questions', questions],
    ['seed article', questions.filter((q) => q.id.startsWith('s'))],
    ['invented articles', questions.filter((q) => /^[a-d]/.test(q.id))],
    ['not in the corpus', questions.filter((q) => q.id.startsWith('u'))],
  ];
}

/** Any set: all its questions together. */
export function wholeSet(questions: Question[]): [string, Question[]][] {
  return [['all questions', questions]];
}

/** The second development set: written blind (by someone who saw neither the code nor the other sets), since used for tuning. */
export const SET2_CORPUS = 'test/eval/set2/corpus';
export const SET2_QUESTIONS = 'test/eval/set2/questions.json';
/** The third set: written blind in the second session, run first as a held-out set. */
export const SET3_CORPUS = 'test/eval/set3/corpus';
export const SET3_QUESTIONS = 'test/eval/set3/questions.json';
export const SET4_CORPUS = 'test/eval/set4/corpus';
export const SET4_QUESTIONS = 'test/eval/set4/questions.json';
export const HELDOUT2_CORPUS = 'test/heldout2/corpus';
export const HELDOUT2_QUESTIONS = 'test/heldout2/questions.json';
/** The held-out set: written blind, and never tuned on. */
export const HELDOUT_CORPUS = 'test/heldout/corpus';
export const HELDOUT_QUESTIONS = 'test/heldout/questions.json';

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : '–');

/** The evaluation as a Markdown table (the README carries it). */
export function formatAsk({ subsets }: AskEvaluation): string {
  const rows = [
    '| questions | system | hit@1 | hit@3 | answer-sentence@1 | abstained (unanswerable) | wrongly abstained |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { name, byline, plain } of subsets) {
    for (const [system, f] of [
      ['Byline', byline],
      ['plain MiniSearch', plain],
    ] as const) {
      rows.push(
        `| ${name} (${f.answerable} + ${f.unanswerable}) | ${system} | ${pct(f.hit1, f.answerable)} | ${pct(f.hit3, f.answerable)} | ${pct(f.answer1, f.answerable)} | ${f.abstained}/${f.unanswerable} | ${f.falseAbstentions} |`,
      );
    }
  }
  return rows.join('\n');
}

/** The sets the ablation runs over: every retrieval set of the project, with its corpus. */
export const ALL_SETS: readonly (readonly [string, string, string])[] = [
  ['development set 1', EVAL_CORPUS, EVAL_QUESTIONS],
  ['development set 2', SET2_CORPUS, SET2_QUESTIONS],
  ['set 3', SET3_CORPUS, SET3_QUESTIONS],
  ["set 4 (readers' words)", SET4_CORPUS, SET4_QUESTIONS],
  ['held-out set', HELDOUT_CORPUS, HELDOUT_QUESTIONS],
  ["second held-out set (readers' words)", HELDOUT2_CORPUS, HELDOUT2_QUESTIONS],
];

const VARIANTS: readonly (readonly [string, Variant])[] = [
  ['vocabulary and vectors (Byline)', { vocabulary: true, vectors: true }],
  ['vocabulary only', { vocabulary: true, vectors: false }],
  ['vectors only', { vocabulary: false, vectors: true }],
  ['neither (words alone)', { vocabulary: false, vectors: false }],
];

/**
 * The ablation of the two ways Byline reads other words than the article's: the curated vocabulary
 * and the word vectors, each alone, both, and neither, on every set. One Markdown table.
 */
export async function formatAblation(): Promise<string> {
  const rows = [
    '| set | understanding | hit@1 | hit@3 | abstained (unanswerable) | wrongly abstained |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, corpus, questions] of ALL_SETS) {
    for (const [label, variant] of VARIANTS) {
      const { subsets } = await evaluateAsk(corpus, questions, wholeSet, variant);
      const f = subsets[0]!.byline;
      rows.push(
        `| ${name} | ${label} | ${pct(f.hit1, f.answerable)} | ${pct(f.hit3, f.answerable)} | ${f.abstained}/${f.unanswerable} | ${f.falseAbstentions} |`,
      );
    }
  }
  return rows.join('\n');
}
