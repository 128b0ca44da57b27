/**
 * Soft matching: the corpus words close in meaning to a question word, by word vectors, so that a
 * question about "the stock" finds "shares", and one about "the boss" finds "chief executive".
 * Only corpus words are candidates, and the traps of word vectors are kept out: a word is never
 * matched to its opposite or to another member of an exclusive set (see `../text/contrasts.ts`), to a
 * number, or to a word the corpus only ever writes capitalised (a name: one surname is close to the
 * next, and "Hamas" to "Hezbollah").
 */
import { stemWord, type AnalysisOptions } from '../text/analysis.ts';
import { EXCLUSIVE_SETS, OPPOSITES } from '../text/contrasts.ts';
import { dot, type WordVectors } from '../text/vectors.ts';

/** A corpus term close to a question term. */
export interface Neighbour {
  term: string;
  similarity: number;
}

/** Options of soft matching (fields of `SearchOptions`; their defaults and reasons are in `DEFAULT_SEARCH`). */
export interface SoftMatchOptions {
  /** Least cosine similarity for a corpus term to stand for a question word. */
  softMinSimilarity: number;
  /** How many corpus terms a question word may stand for at most. */
  softMaxNeighbours: number;
  /** Weight of a soft match against the user's own word, multiplied by its similarity. */
  softWeight: number;
}

/** A question term with this many letters or fewer is not soft-matched: short words are too ambiguous. */
const MIN_TERM_LENGTH = 3;
/** How many question terms' neighbours are remembered. */
const NEIGHBOUR_MEMO_LIMIT = 20_000;

/** Finds, for a question term, the corpus terms close to it in meaning. */
export class SoftMatcher {
  readonly #vectors: WordVectors;
  readonly #options: SoftMatchOptions;
  readonly #terms: string[] = [];
  readonly #matrix: Float32Array;
  readonly #isWord: (term: string) => boolean;
  readonly #contrast: ContrastTable;
  readonly #memo = new Map<string, Neighbour[]>();

  /**
   * `corpusTerms`: the index terms of the corpus. `isWord`: whether the corpus writes a term as an
   * ordinary word (in lower case) somewhere, not only inside names.
   */
  constructor(
    vectors: WordVectors,
    corpusTerms: Iterable<string>,
    isWord: (term: string) => boolean,
    analysis: AnalysisOptions,
    options: SoftMatchOptions,
  ) {
    this.#vectors = vectors;
    this.#options = options;
    this.#isWord = isWord;
    this.#contrast = contrastTable(analysis);
    const rows: Float32Array[] = [];
    for (const term of corpusTerms) {
      if (!/^[a-z][a-z'-]*$/.test(term)) continue;
      const vector = vectors.vectorOf(term);
      if (!vector) continue;
      this.#terms.push(term);
      rows.push(vector);
    }
    const d = vectors.dimensions;
    this.#matrix = new Float32Array(rows.length * d);
    rows.forEach((row, i) => this.#matrix.set(row, i * d));
  }

  /** Number of corpus terms that have a vector. */
  get size(): number {
    return this.#terms.length;
  }

  /** The corpus terms closest to `term` in meaning, most similar first, without `term` itself. */
  neighbours(term: string): Neighbour[] {
    let found = this.#memo.get(term);
    if (!found) {
      found = this.#search(term);
      if (this.#memo.size >= NEIGHBOUR_MEMO_LIMIT) this.#memo.clear();
      this.#memo.set(term, found);
    }
    return found;
  }

  #search(term: string): Neighbour[] {
    const o = this.#options;
    if (term.length < MIN_TERM_LENGTH || !/^[a-z][a-z'-]*$/.test(term)) return [];
    const query = this.#vectors.vectorOf(term);
    if (!query) return [];
    const d = this.#vectors.dimensions;
    const close: Neighbour[] = [];
    for (let i = 0; i < this.#terms.length; i++) {
      const similarity = dot(query, this.#matrix, i * d);
      if (similarity >= o.softMinSimilarity && this.#terms[i] !== term) {
        close.push({ term: this.#terms[i]!, similarity });
      }
    }
    close.sort((a, b) => b.similarity - a.similarity);
    const out: Neighbour[] = [];
    for (const n of close) {
      if (out.length >= o.softMaxNeighbours) break;
      if (this.#contrast.contrasts(term, n.term) || !this.#isWord(n.term)) continue;
      out.push(n);
    }
    return out;
  }
}

/** Which stems exclude or oppose which. */
interface ContrastTable {
  contrasts(a: string, b: string): boolean;
}

const contrastTables = new Map<AnalysisOptions, ContrastTable>();

/** The contrast lists as stems, built once per analysis. */
function contrastTable(analysis: AnalysisOptions): ContrastTable {
  let table = contrastTables.get(analysis);
  if (table) return table;
  // For each stem, the ids of the exclusive sets and of the sides it belongs to.
  const sets = new Map<string, Set<number>>();
  const sides = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, word: string, id: number) => {
    const stem = stemWord(word, analysis);
    let ids = map.get(stem);
    if (!ids) map.set(stem, (ids = new Set()));
    ids.add(id);
  };
  EXCLUSIVE_SETS.forEach((set, id) => set.forEach((w) => add(sets, w, id)));
  OPPOSITES.forEach(([a, b], id) => {
    a.forEach((w) => add(sides, w, 2 * id));
    b.forEach((w) => add(sides, w, 2 * id + 1));
  });
  const shares = (
    x: Set<number> | undefined,
    y: Set<number> | undefined,
    match: (i: number, j: number) => boolean,
  ) => !!x && !!y && [...x].some((i) => [...y].some((j) => match(i, j)));
  table = {
    contrasts: (a, b) =>
      a !== b &&
      (shares(sets.get(a), sets.get(b), (i, j) => i === j) ||
        shares(sides.get(a), sides.get(b), (i, j) => i !== j && i >> 1 === j >> 1)),
  };
  contrastTables.set(analysis, table);
  return table;
}
