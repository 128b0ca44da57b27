/**
 * The passage index: the corpus's passages, their MiniSearch index, term statistics and aliases, and
 * the views of passages, sentences and articles the re-rank reads. Questions are answered by
 * {@link findPassages}.
 */
import type MiniSearch from 'minisearch';
import type { Answer, Article, Passage } from '../types.ts';
import type { Aliases } from './aliases.ts';
import { bm25Idf } from './bm25.ts';
import { findPassages, type PassageScope } from './find.ts';
import {
  buildIndexPartsSync,
  passagesOf,
  snapshotOf,
  type IndexParts,
  type IndexSnapshot,
} from './index-parts.ts';
import { withSearchDefaults, type SearchOptions } from './options.ts';
import { SoftMatcher } from './soft.ts';
import { TextViews } from './views.ts';
import { keyTerm, tokenize } from '../text/analysis.ts';
import type { WordVectors } from '../text/vectors.ts';
import { postingsOf, documentIdsOf } from './minisearch-internals.ts';

/** Query options for a query that is already a list of index terms. */
const RAW_QUERY = {
  combineWith: 'OR',
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => term,
} as const;

/** How many passages holding a term are read to tell whether the corpus writes it as a word. */
const WORD_CHECK_PASSAGES = 8;

/** The corpus's passages, their MiniSearch index, term statistics and aliases. */
export class SearchIndex {
  readonly options: SearchOptions;
  readonly passages: ReadonlyMap<string, Passage>;
  readonly aliases: Aliases;
  /** The passages' BM25 index; read by the search modules only. */
  readonly miniSearch: MiniSearch<Passage>;
  /** Number of passages each key term occurs in. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  /** Passages, sentences and articles as the re-rank sees them. */
  readonly views: TextViews;
  readonly #parts: IndexParts;
  #vectors: WordVectors | null = null;
  #softMatcher: SoftMatcher | null = null;
  readonly #writtenAsWord = new Map<string, boolean>();

  /**
   * Indexes `articles`, or adopts `parts` already built for exactly these articles (restored from the
   * disk cache, or built asynchronously by `buildIndexParts`).
   */
  constructor(articles: readonly Article[], options: Partial<SearchOptions> = {}, parts?: IndexParts) {
    this.options = withSearchDefaults(options);
    const analysis = this.options.analysis;
    const list = passagesOf(articles);
    this.passages = new Map(list.map((p) => [p.id, p]));
    this.views = new TextViews(list, this.passages, analysis);
    this.#parts = parts ?? buildIndexPartsSync(articles, list, analysis, this.views.passageTerms);
    this.miniSearch = this.#parts.miniSearch;
    this.documentFrequency = this.#parts.documentFrequency;
    this.aliases = this.#parts.aliases;
  }

  /**
   * Word vectors for soft matching (see `soft.ts`). Without them, or with `null`, questions are
   * matched by their words alone.
   */
  useVectors(vectors: WordVectors | null): void {
    this.#vectors = vectors;
    this.#softMatcher = null;
  }

  /** Whether the word vectors know a term: a real word, not a typo or a rare name. */
  hasVector(term: string): boolean {
    return this.#vectors?.vectorOf(term) != null;
  }

  /** Whether word vectors are in use. */
  get hasVectors(): boolean {
    return this.#vectors !== null;
  }

  /**
   * The corpus terms close in meaning to a question term, built on first use (or by `prepare`): none
   * without word vectors.
   */
  get softMatcher(): SoftMatcher | null {
    if (this.#vectors && !this.#softMatcher) {
      this.#softMatcher = new SoftMatcher(
        this.#vectors,
        this.documentFrequency.keys(),
        (term) => this.writtenAsWord(term),
        this.options.analysis,
        this.options,
      );
    }
    return this.#softMatcher;
  }

  /**
   * Whether the corpus writes a term as an ordinary word somewhere, not only as a name: read from
   * the first few passages that hold it, and remembered.
   */
  writtenAsWord(term: string): boolean {
    let known = this.#writtenAsWord.get(term);
    if (known === undefined) {
      known = false;
      const ids = documentIdsOf(this.miniSearch);
      const postings = postingsOf(this.miniSearch, term);
      let looked = 0;
      for (const docs of postings?.values() ?? []) {
        for (const shortId of docs.keys()) {
          const passage = this.passages.get(ids.get(shortId)!);
          if (!passage || looked++ >= WORD_CHECK_PASSAGES) break;
          if (
            tokenize(passage.text).some(
              (t) => t.kind === 'word' && keyTerm(t, this.options.analysis) === term,
            )
          ) {
            known = true;
            break;
          }
        }
        if (known || looked >= WORD_CHECK_PASSAGES) break;
      }
      this.#writtenAsWord.set(term, known);
    }
    return known;
  }

  /** The parts to save in the disk cache (see `restoreIndexParts`). */
  snapshot(): IndexSnapshot {
    return snapshotOf(this.#parts);
  }

  get size(): number {
    return this.passages.size;
  }

  /** Inverse document frequency of a term (BM25's form); unknown terms weigh most. */
  idf(term: string): number {
    return bm25Idf(this.documentFrequency.get(term) ?? 0, this.size);
  }

  /** True when the term occurs somewhere in the corpus, or a long word is one typo from one that does. */
  knows(term: string, fuzzy = false): boolean {
    if (this.documentFrequency.has(term)) return true;
    if (!fuzzy || term.length < this.options.fuzzyMinLength) return false;
    return this.miniSearch.search(term, { ...RAW_QUERY, fuzzy: this.options.fuzziness }).length > 0;
  }

  /**
   * Ranked passages for a question, each with its best sentence. Empty when the corpus does not answer.
   * `scope.articleId` restricts the answer to one article's passages.
   */
  findPassages(question: string, limit = this.options.limit, scope: PassageScope = {}): Answer {
    return findPassages(this, question, limit, scope);
  }
}
