/**
 * Question answering: which passages of the corpus answer a question, which sentence of each answers
 * it, and when the corpus does not answer at all.
 */
import { tokenize } from '../text/analysis.ts';
import type { Answer } from '../types.ts';
import { topResults, type Candidate, type TermQuery } from './bm25.ts';
import { conceptKnown, expandFromCorpus, markNamesWrittenCapitalised } from './expand.ts';
import type { SearchOptions } from './options.ts';
import { analyzeQuestion, type Concept, type QuestionAnalysis } from './question.ts';
import { bestSentence, conceptBm25, conceptWeight, coverage } from './rank.ts';
import type { SearchIndex } from './search-index.ts';
import { answersShape, shapeGatesAnswers } from './shapes.ts';
import type { TextView } from './views.ts';

/** Which passages a question may be answered from. Default: the whole corpus. */
export interface PassageScope {
  /** Only this article's passages. */
  articleId?: string;
  /** Only these articles' passages (a server's view of the corpus: its own and the shared ones). */
  articleIds?: ReadonlySet<string>;
}

/** How many of the best BM25 candidates show whether a lower-case word is written as a name. */
const NAME_CHECK_CANDIDATES = 10;

/**
 * Ranked passages for a question, each with its best sentence. Empty when the corpus does not answer.
 * `scope.articleId` restricts the answer to one article's passages.
 */
export function findPassages(
  index: SearchIndex,
  question: string,
  limit: number,
  scope: PassageScope,
): Answer {
  const q = analyzeQuestion(question, index.options.analysis, index.aliases, index.options);
  if (q.concepts.length === 0) return noAnswer(question);
  expandFromCorpus(index, question, q.concepts);
  const unknown = q.concepts.filter((c) => !conceptKnown(index, c));
  const silencing = silencingUnknowns(index, q.concepts, unknown);
  if (silencing) return noAnswer(question, phrases(silencing));
  // A word the corpus never uses cannot tell passages apart: rank on the others, but let it
  // lower the coverage that decides whether the corpus answers at all.
  const known: QuestionAnalysis = { ...q, concepts: q.concepts.filter((c) => !unknown.includes(c)) };
  const { terms, query } = termQueryOf(index.options, known);
  const candidates = topResults(
    index.miniSearch,
    terms,
    { ...query, ...scopeFilter(index, scope) },
    index.options.candidates,
  );
  if (candidates.length === 0) return noAnswer(question);
  const texts = candidates.slice(0, NAME_CHECK_CANDIDATES).map((r) => index.passages.get(r.id)!.text);
  markNamesWrittenCapitalised(known.concepts, texts);
  const ranked = rankCandidates(index, known, candidates, unknown);
  if (ranked.length === 0 || ranked[0]!.answers < index.options.minCoverage) return noAnswer(question);
  return { question, hits: ranked.slice(0, limit).map((r) => r.hit), unknownTerms: [] };
}

/** The answer that says the corpus does not answer, naming the question's words it never uses, if that is why. */
function noAnswer(question: string, unknownTerms: string[] = []): Answer {
  return { question, hits: [], unknownTerms };
}

/**
 * The unknown concepts that stop the corpus answering, or null: any name, acronym or number it never
 * uses; with word vectors, any word of the question that they know (a real word, typed in capitals
 * or not) for which the corpus has neither the word, nor its spelling, nor a word close in meaning
 * ("what is the capital of peru"); or all unknown words when they are more than `maxUnknownShare` of
 * the question. Words that frame the question ("happened") never silence it.
 */
function silencingUnknowns(
  index: SearchIndex,
  concepts: readonly Concept[],
  unknown: readonly Concept[],
): readonly Concept[] | null {
  const distinctiveUnknown = unknown.filter((c) => c.distinctive);
  if (distinctiveUnknown.length > 0) return distinctiveUnknown;
  if (index.hasVectors) {
    // Real words (the vectors know them) with nothing close in the corpus, weighed by rarity.
    const real = unknown.filter((c) => !c.frame && index.hasVector(c.alternatives[0]!.terms[0]!));
    const weigh = (cs: readonly Concept[]) =>
      cs.reduce((sum, c) => sum + index.idf(c.alternatives[0]!.terms[0]!), 0);
    const content = concepts.filter((c) => !c.frame);
    if (real.length > 0 && weigh(real) / weigh(content) >= index.options.maxUnknownMeaningShare) return real;
  }
  return unknown.length / concepts.length > index.options.maxUnknownShare ? unknown : null;
}

/** The unknown words as the user wrote them, adjacent ones joined ("Elon Musk"). */
function phrases(concepts: readonly Concept[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let last = -2;
  for (const c of concepts) {
    if (c.position !== last + 1 && run.length) {
      out.push(run.join(' '));
      run = [];
    }
    run.push(c.token.raw);
    last = c.position;
  }
  if (run.length) out.push(run.join(' '));
  return [...new Set(out)];
}

/**
 * The BM25 query over every alternative term, weighted: the user's words count most, frames least;
 * the user's own long words match fuzzily.
 */
function termQueryOf(o: SearchOptions, q: QuestionAnalysis): { terms: string[]; query: TermQuery } {
  const weights = new Map<string, number>();
  const fuzzy = new Set<string>();
  for (const c of q.concepts) {
    for (const a of c.alternatives) {
      for (const t of a.terms)
        weights.set(t, Math.max(weights.get(t) ?? 0, a.weight * (c.frame ? o.frameWeight : 1)));
    }
    const own = c.alternatives[0]!.terms[0]!;
    if (c.token.kind === 'word' && own.length >= o.fuzzyMinLength) fuzzy.add(own);
  }
  return {
    terms: [...weights.keys()],
    query: {
      boostTerm: (term) => weights.get(term) ?? 1,
      fuzzy: (term) => (fuzzy.has(term) ? o.fuzziness : false),
    },
  };
}

/** A `filter` keeping the scope's passages; none for the whole corpus. */
function scopeFilter(index: SearchIndex, scope: PassageScope): { filter?: (id: string) => boolean } {
  const { articleId, articleIds } = scope;
  if (articleId === undefined && articleIds === undefined) return {};
  return {
    filter: (id) => {
      const of = index.passages.get(id)?.articleId;
      return (
        of !== undefined && (articleId === undefined || of === articleId) && (articleIds?.has(of) ?? true)
      );
    },
  };
}

/**
 * How much a word the corpus lacks (with nothing close in meaning either) weighs against an answer.
 * A real word that the word vectors know, and whose meaning the corpus therefore demonstrably lacks,
 * weighs as a word of its rarity (`unknownRealWordWeight`); any other (a typo, a rare name) as
 * `unknownWordWeight` of an average known word, as it may be a slip rather than a subject.
 */
function unknownConceptWeight(index: SearchIndex, c: Concept, averageKnown: number): number {
  const o = index.options;
  const own = c.alternatives[0]!.terms[0]!;
  if (!c.frame && index.hasVector(own)) return o.unknownRealWordWeight * index.idf(own);
  return o.unknownWordWeight * averageKnown;
}

/** A candidate re-ranked: its hit, the coverage that decides abstention, and whether it holds the answer's shape. */
interface Ranked {
  hit: Answer['hits'][number];
  answers: number;
  shaped: boolean;
}

/**
 * The candidates re-ranked, best first, without those that lack what a gated shape asks for ("how
 * many", "when" and "who" questions are answered by a number, a date, a name).
 */
function rankCandidates(
  index: SearchIndex,
  known: QuestionAnalysis,
  candidates: readonly Candidate[],
  unknown: readonly Concept[],
): Ranked[] {
  const o = index.options;
  const knownWeights = known.concepts.map((c) => conceptWeight(index, c));
  const knownWeight = knownWeights.reduce((a, b) => a + b, 0);
  const unknownWeight = unknown.reduce(
    (sum, c) => sum + unknownConceptWeight(index, c, knownWeight / Math.max(1, knownWeights.length)),
    0,
  );
  // Coverage for abstaining counts the words the corpus lacks too.
  const answerShare = 1 - unknownWeight / (unknownWeight + knownWeight);
  const views = new Map(candidates.map((r) => [r.id, index.views.passage(r.id)]));
  const bm25 = normalisedBm25(index, known, candidates, views);
  const fitOf = articleFit(index, known);
  return candidates
    .slice(0, o.candidates)
    .map((r): Ranked => {
      const passage = index.passages.get(r.id)!;
      const cover = coverage(index, known, views.get(passage.id)!, index.views.article(passage.articleId));
      const best = bestSentence(index, passage.text, known);
      const score =
        o.kindWeight[passage.citation.kind] *
        fitOf(passage.articleId) *
        (o.mix.bm25 * bm25.get(r.id)! + o.mix.coverage * cover + o.mix.sentence * best.score);
      return {
        hit: { passage, answer: best.text, score },
        answers: cover * answerShare,
        shaped: answersShape(known, tokenize(passage.text), passage.text),
      };
    })
    .filter((r) => !shapeGatesAnswers(known.shape) || r.shaped)
    .sort((a, b) => b.hit.score - a.hit.score);
}

/** Each candidate's BM25 (see `SearchOptions.bm25`), divided by the best candidate's. */
function normalisedBm25(
  index: SearchIndex,
  known: QuestionAnalysis,
  candidates: readonly Candidate[],
  views: ReadonlyMap<string, TextView>,
): Map<string, number> {
  const bm25 =
    index.options.bm25 === 'terms'
      ? new Map(candidates.map((r) => [r.id, r.score]))
      : new Map(
          candidates.map((r) => [r.id, conceptBm25(index, known, r.id, views.get(r.id)!, r.lengthNorm)]),
        );
  const max = Math.max(...bm25.values()) || 1;
  return new Map([...bm25].map(([id, score]) => [id, score / max]));
}

/**
 * How well each article, taken whole, covers the question, as the factor `1 − w + w × coverage`
 * (`w` = `articleWeight`), computed once an article.
 */
function articleFit(index: SearchIndex, known: QuestionAnalysis): (articleId: string) => number {
  const o = index.options;
  const fits = new Map<string, number>();
  return (articleId) => {
    let fit = fits.get(articleId);
    if (fit === undefined) {
      fit = 1 - o.articleWeight + o.articleWeight * coverage(index, known, index.views.article(articleId));
      fits.set(articleId, fit);
    }
    return fit;
  };
}
