/**
 * Directed centrality, after PacSum (Zheng & Lapata, ACL 2019): in a news story a sentence that
 * sets up what follows is similar to the sentences after it, while one that restates or elaborates
 * is similar to those before it. So a sentence gains from its similarity to later sentences and
 * loses from its similarity to earlier ones. Similarity comes from word vectors when they are given
 * (averaged, rarity-weighted term vectors), from TF-IDF cosine otherwise.
 */
import { dot, type WordVectors } from '../text/vectors.ts';
import { cosine, norm, tfidfVectors } from './scoring.ts';

/** Settings of {@link directedCentrality}. */
export interface DirectedCentralityOptions {
  /**
   * Where between the smallest and the largest similarity of the article an edge starts to count,
   * from 0 (every pair) to 1 (none). Similarities are relative to the article: two sentences of one
   * story always share some words, and word vectors place any two news sentences fairly close.
   */
  edgeThreshold: number;
  /** Weight of similarity to later sentences (a gain). */
  forwardWeight: number;
  /** Weight of similarity to earlier sentences (a loss, so usually negative). */
  backwardWeight: number;
}

/**
 * Each sentence's directed centrality: `forwardWeight × Σ later edges + backwardWeight × Σ earlier
 * edges`, an edge being the part of a similarity above the article's threshold. Not normalised.
 */
export function directedCentrality(similarity: number[][], opts: DirectedCentralityOptions): number[] {
  const n = similarity.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      min = Math.min(min, similarity[i]![j]!);
      max = Math.max(max, similarity[i]![j]!);
    }
  if (!(max > min)) return new Array<number>(n).fill(0);
  const threshold = min + opts.edgeThreshold * (max - min);
  return similarity.map((row, i) => {
    let forward = 0;
    let backward = 0;
    row.forEach((s, j) => {
      const edge = Math.max(0, s - threshold);
      if (j > i) forward += edge;
      else if (j < i) backward += edge;
    });
    return opts.forwardWeight * forward + opts.backwardWeight * backward;
  });
}

/** Pairwise TF-IDF cosine similarity of term vectors (1 on the diagonal). */
export function tfidfSimilarity(vectors: readonly Map<string, number>[]): number[][] {
  const norms = vectors.map(norm);
  const out = vectors.map(() => new Array<number>(vectors.length).fill(1));
  for (let i = 0; i < vectors.length; i++)
    for (let j = i + 1; j < vectors.length; j++)
      out[i]![j] = out[j]![i] = cosine(vectors[i]!, vectors[j]!, norms[i], norms[j]);
  return out;
}

/**
 * Pairwise similarity of texts from word vectors: each text is the sum of its terms' unit vectors,
 * each weighted by the term's TF-IDF weight in that text (so rare, repeated words count most), and
 * two texts' similarity is the cosine of those sums. A text none of whose terms has a vector falls
 * back on the TF-IDF cosine.
 */
export function vectorSimilarity(
  termWeights: readonly Map<string, number>[],
  wordVectors: WordVectors,
): number[][] {
  const embeddings = termWeights.map((weights) => {
    const sum = new Float32Array(wordVectors.dimensions);
    let any = false;
    for (const [term, weight] of weights) {
      const v = wordVectors.vectorOf(term);
      if (!v) continue;
      any = true;
      for (let d = 0; d < sum.length; d++) sum[d]! += weight * v[d]!;
    }
    const norm = Math.sqrt(dot(sum, sum));
    if (!any || norm === 0) return null;
    for (let d = 0; d < sum.length; d++) sum[d]! /= norm;
    return sum;
  });
  const out = termWeights.map(() => new Array<number>(termWeights.length).fill(1));
  for (let i = 0; i < termWeights.length; i++)
    for (let j = i + 1; j < termWeights.length; j++) {
      const x = embeddings[i];
      const y = embeddings[j];
      out[i]![j] = out[j]![i] = x && y ? dot(x, y) : cosine(termWeights[i]!, termWeights[j]!);
    }
  return out;
}

/**
 * PacSum on its own, as a baseline: the `count` sentences of highest directed centrality, in article
 * order, with no position prior, no redundancy check and no regard for what a sentence refers back to.
 */
export function pacsumSelection(
  sentences: readonly string[],
  count: number,
  wordVectors: WordVectors | null,
  opts: DirectedCentralityOptions,
): number[] {
  const vectors = tfidfVectors([...sentences]);
  const similarity = wordVectors ? vectorSimilarity(vectors, wordVectors) : tfidfSimilarity(vectors);
  return directedCentrality(similarity, opts)
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, count)
    .map((s) => s.i)
    .sort((a, b) => a - b);
}
