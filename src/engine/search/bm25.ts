/**
 * BM25 as MiniSearch computes it: its candidates, scored from its postings without a result object for
 * every matching passage, and the pure formula that the concept-level BM25 of the re-rank shares.
 */
import type MiniSearch from 'minisearch';
import type { Passage } from '../types.ts';
import {
  documentIdsOf,
  fieldLengthsOf,
  fuzzyPostingsOf,
  postingsOf,
  type TermPostings,
} from './minisearch-internals.ts';

/**
 * MiniSearch's default BM25+ parameters (`defaultBM25params` in minisearch's `src/MiniSearch.ts`),
 * which it does not export: term frequency saturation `k`, length normalisation `b`, lower bound `d`.
 */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** MiniSearch's default weight of a fuzzy match (`defaultSearchOptions.weights.fuzzy`, not exported). */
const FUZZY_WEIGHT = 0.45;

/** MiniSearch's default longest edit distance (`defaultSearchOptions.maxFuzzy`, not exported). */
const MAX_FUZZY = 6;

/** BM25's inverse document frequency of a term found in `matching` of `total` documents, as MiniSearch's `calcBM25Score` computes it. */
export function bm25Idf(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/** BM25's length normalisation of a document, `k × (1 − b + b × length / average)`, as `calcBM25Score` computes it. */
function bm25LengthNorm(fieldLength: number, averageFieldLength: number): number {
  return BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / averageFieldLength);
}

/** BM25+ of one term in one document, as `calcBM25Score` computes it from its three factors. */
export function bm25Score(idf: number, termFrequency: number, lengthNorm: number): number {
  return idf * (BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + lengthNorm));
}

/** How `search` weighs a term: its boost, and whether (and how far) it matches fuzzily. */
export interface TermQuery {
  boostTerm: (term: string) => number;
  fuzzy: (term: string) => number | false;
  filter?: (id: string) => boolean;
}

/** One BM25 candidate: a passage id, its score, and its length normalisation (for the concept BM25). */
export interface Candidate {
  id: string;
  score: number;
  lengthNorm: number;
}

/**
 * The first `limit` results, best first, that `miniSearch.search(terms.join(' '), { ...RAW_QUERY,
 * boostTerm, fuzzy, filter })` returns, with the same scores and the same order (ties in first-match
 * order), for an index with one field and no prefix search. A common word matches most passages of a
 * large corpus, and MiniSearch builds, merges and sorts a result object for each; here scores add up
 * in arrays, in the order MiniSearch adds them, and only the best `limit` are kept.
 */
export function topResults(
  miniSearch: MiniSearch<Passage>,
  terms: readonly string[],
  query: TermQuery,
  limit: number,
): Candidate[] {
  const scratch = scratchOf(miniSearch);
  const ids = documentIdsOf(miniSearch);
  /** Short ids in the order they first matched. */
  const order: number[] = [];
  for (const term of terms) {
    const docs = scoreTerm(miniSearch, scratch, term, query);
    addTermScores(scratch, docs, order);
  }
  const best = bestOf(scratch, order, limit, (doc) => !query.filter || query.filter(ids.get(doc)!));
  for (const doc of order) scratch.matched[doc] = 0;
  return best.map((b) => ({ id: ids.get(b.doc)!, score: b.score, lengthNorm: scratch.lengthNorm[b.doc]! }));
}

/**
 * Scores one query term, exact and fuzzy matches, into `scratch.partial`, as MiniSearch's
 * `termResults` does. Returns the short ids it touched, in first-touched order.
 */
function scoreTerm(
  miniSearch: MiniSearch<Passage>,
  scratch: Scratch,
  term: string,
  query: TermQuery,
): number[] {
  const touch = { stamp: ++scratch.touched.stamp, docs: [] as number[] };
  const boost = query.boostTerm(term);
  const total = miniSearch.documentCount;
  addPostings(scratch, postingsOf(miniSearch, term), boost, total, touch);
  const distance = fuzzyDistance(term, query.fuzzy(term));
  if (distance) {
    for (const [match, [postings, d]] of fuzzyPostingsOf(miniSearch, term, distance)) {
      if (d) addPostings(scratch, postings, fuzzyMatchWeight(match, d) * boost, total, touch);
    }
  }
  return touch.docs;
}

/** The edit distance MiniSearch allows a term for its `fuzzy` option: a share of its length, capped. */
function fuzzyDistance(term: string, fuzzy: number | false): number {
  if (!fuzzy) return 0;
  return fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
}

/** MiniSearch's weight of a fuzzy match `distance` edits away. */
function fuzzyMatchWeight(match: string, distance: number): number {
  return (FUZZY_WEIGHT * match.length) / (match.length + distance);
}

/**
 * Adds one posting list's BM25 scores, times `weight`, to the passages' partial scores for the current
 * term. A discarded passage still in the list is skipped and lowers the term's document count, as
 * MiniSearch does when it meets one.
 */
function addPostings(
  scratch: Scratch,
  data: TermPostings | undefined,
  weight: number,
  total: number,
  touch: { stamp: number; docs: number[] },
): void {
  const postings = data?.get(scratch.fieldId);
  if (!postings) return;
  const { live, lengthNorm, partial, touched } = scratch;
  const { docs: ids, frequencies } = postingArrays(scratch, postings);
  let matching = ids.length;
  let idf = bm25Idf(matching, total);
  for (let i = 0; i < ids.length; i++) {
    const doc = ids[i]!;
    if (live[doc] === 0) {
      matching -= 1;
      idf = bm25Idf(matching, total);
      continue;
    }
    const weighted = weight * bm25Score(idf, frequencies[i]!, lengthNorm[doc]!);
    if (touched.at[doc] === touch.stamp) {
      partial[doc] = partial[doc]! + weighted;
    } else {
      touched.at[doc] = touch.stamp;
      partial[doc] = weighted;
      touch.docs.push(doc);
    }
  }
}

/** Adds one term's partial scores to the passages' scores, counting the terms each matched. */
function addTermScores(scratch: Scratch, docs: readonly number[], order: number[]): void {
  const { score, matched, partial } = scratch;
  for (const doc of docs) {
    if (matched[doc] === 0) {
      score[doc] = partial[doc]!;
      order.push(doc);
    } else {
      score[doc] = score[doc]! + partial[doc]!;
    }
    matched[doc] = matched[doc]! + 1;
  }
}

/**
 * The best `limit` passages that `keep` accepts, by final score (the sum times the number of terms
 * matched, as MiniSearch's OR does): a better score first, and among equal scores the first matched.
 */
function bestOf(
  scratch: Scratch,
  order: readonly number[],
  limit: number,
  keep: (doc: number) => boolean,
): { doc: number; score: number }[] {
  const best: { doc: number; score: number }[] = [];
  for (const doc of order) {
    const final = scratch.score[doc]! * scratch.matched[doc]!;
    if (best.length === limit && final <= best[limit - 1]!.score) continue;
    if (!keep(doc)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < final) at--;
    best.splice(at, 0, { doc, score: final });
    if (best.length > limit) best.pop();
  }
  return best;
}

/** Per-index arrays for {@link topResults}, made once: the index does not change after construction. */
interface Scratch {
  fieldId: number;
  /** 1 for a short id still in the index, 0 for a discarded one. */
  live: Uint8Array;
  /** {@link bm25LengthNorm} of each passage. */
  lengthNorm: Float64Array;
  score: Float64Array;
  /** Query terms each passage matched; back to 0 after each query. */
  matched: Uint16Array;
  partial: Float64Array;
  /** Which query term last touched each passage (a stamp that only grows, so nothing is reset). */
  touched: { at: Int32Array; stamp: number };
  /**
   * Long posting lists as arrays, in the Map's order, made when first used; only while no passage
   * has been discarded (MiniSearch then edits posting lists as it meets discarded passages).
   */
  arrays: WeakMap<Map<number, number>, PostingArrays> | null;
}

interface PostingArrays {
  docs: ArrayLike<number>;
  frequencies: ArrayLike<number>;
}

/** Posting lists shorter than this are read from MiniSearch's Map: converting them would not pay. */
const ARRAY_POSTINGS_MIN = 512;

/** A posting list as two arrays, in the Map's iteration order (which fixes how ties are ordered). */
function postingArrays(scratch: Scratch, postings: Map<number, number>): PostingArrays {
  if (!scratch.arrays || postings.size < ARRAY_POSTINGS_MIN) {
    return { docs: [...postings.keys()], frequencies: [...postings.values()] };
  }
  let arrays = scratch.arrays.get(postings);
  if (!arrays) {
    arrays = { docs: Int32Array.from(postings.keys()), frequencies: Float64Array.from(postings.values()) };
    scratch.arrays.set(postings, arrays);
  }
  return arrays;
}

const scratches = new WeakMap<MiniSearch<Passage>, Scratch>();

function scratchOf(miniSearch: MiniSearch<Passage>): Scratch {
  let scratch = scratches.get(miniSearch);
  if (scratch) return scratch;
  const { fieldId, idCount: size, average, lengths } = fieldLengthsOf(miniSearch, 'text');
  const live = new Uint8Array(size);
  const lengthNorm = new Float64Array(size);
  for (const [doc, length] of lengths) {
    live[doc] = 1;
    lengthNorm[doc] = bm25LengthNorm(length, average);
  }
  scratch = {
    fieldId,
    live,
    lengthNorm,
    score: new Float64Array(size),
    matched: new Uint16Array(size),
    partial: new Float64Array(size),
    touched: { at: new Int32Array(size), stamp: 0 },
    arrays: lengths.size === size ? new WeakMap() : null,
  };
  scratches.set(miniSearch, scratch);
  return scratch;
}
