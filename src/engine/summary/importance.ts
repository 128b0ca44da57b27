/**
 * How important each unit of an article is to a general summary, before redundancy is considered:
 * its position (the news lead), its directed centrality (PacSum), its similarity to the headline and
 * standfirst, and its specificity; mostly quoted units weigh less.
 */
import { analyze } from '../text/analysis.ts';
import type { Article } from '../types.ts';
import { directedCentrality, tfidfSimilarity, vectorSimilarity } from './centrality.ts';
import type { SummaryOptions } from './options.ts';
import { cosine, norm, normalizeMax, quotedShare, specificTerms, tfidfOfTerms } from './scoring.ts';
import type { Unit } from './units.ts';

/** What the selection needs to know about the units of an article. */
export interface UnitScores {
  /** TF-IDF term vectors of the units. */
  vectors: Map<string, number>[];
  /** Pairwise TF-IDF cosine similarity of the units: how far one repeats another's words. */
  similarity: number[][];
  /** General importance of each unit, higher first; no fixed scale. */
  importance: number[];
}

/** Scales values into [0, 1] by their range; all equal gives all 0. */
export function normalizeRange(values: readonly number[]): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => (max > min ? (v - min) / (max - min) : 0));
}

/** Scores the units of `article` for a general summary. */
export function scoreUnits(article: Article, units: readonly Unit[], opts: SummaryOptions): UnitScores {
  const texts = units.map((u) => u.text);
  const terms = texts.map((t) => analyze(t));
  const vectors = tfidfOfTerms(terms, terms.length);
  const similarity = tfidfSimilarity(vectors);
  // Word vectors see two wordings of one subject as close, which is what centrality is about.
  const centrality = normalizeRange(
    directedCentrality(opts.wordVectors ? vectorSimilarity(vectors, opts.wordVectors) : similarity, opts),
  );
  const heading = article.blocks
    .filter((b) => b.kind === 'headline' || b.kind === 'standfirst')
    .map((b) => b.text)
    .join(' ');
  const headingVector = tfidfOfTerms([analyze(heading), ...terms], 1)[0]!;
  const headingNorm = norm(headingVector);
  const aboutTitle = normalizeMax(vectors.map((v) => cosine(v, headingVector, norm(v), headingNorm)));
  const specificity = normalizeMax(units.map((u) => specificTerms(u.outside)));
  const centralShare = Math.max(0, 1 - opts.leadWeight - opts.titleWeight - opts.specificityWeight);
  const importance = units.map(
    (u, i) =>
      (opts.leadWeight / (1 + i / opts.leadDecay) +
        centralShare * centrality[i]! +
        opts.titleWeight * aboutTitle[i]! +
        opts.specificityWeight * specificity[i]!) *
      // Quoted words carry reactions more often than facts: a mostly quoted unit weighs less.
      (1 - opts.quotePenalty * quotedShare(u.text, u.outside)),
  );
  return { vectors, similarity, importance };
}
