/**
 * Every read or write of MiniSearch's private state, in one place, so that an upgrade of MiniSearch
 * has one file to check. Written against minisearch 7.2 (`src/MiniSearch.ts`, whose fields are
 * `protected`, and `src/SearchableMap/SearchableMap.ts`). Each function says why the public API does
 * not serve and which public API upstream would make it unnecessary.
 */
import type MiniSearch from 'minisearch';

/** One term's postings, as MiniSearch keeps them: field id → short document id → term frequency. */
export type TermPostings = Map<number, Map<number, number>>;

/** The parts of MiniSearch's protected state read or written here. */
interface MiniSearchState {
  _index: {
    get(term: string): TermPostings | undefined;
    set(term: string, postings: TermPostings): unknown;
    fuzzyGet(term: string, distance: number): Map<string, [TermPostings, number]>;
    atPrefix(prefix: string): { keys(): IterableIterator<string> };
  };
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
  _nextId: number;
}

/** The one cast to MiniSearch's protected state. */
function stateOf(miniSearch: MiniSearch): MiniSearchState {
  return miniSearch as unknown as MiniSearchState;
}

/**
 * A term's postings. Needed because `search` builds, merges and sorts a result object for every
 * matching document, which for a common word is most of a large corpus, when ranking wants only the
 * best few; upstream, a public read-only `termPostings(term)` (or a `limit` search option that keeps
 * only the best results) would make it unnecessary.
 */
export function postingsOf(miniSearch: MiniSearch, term: string): TermPostings | undefined {
  return stateOf(miniSearch)._index.get(term);
}

/**
 * The index's terms within `distance` edits of `term`, with their postings and distance. Needed for
 * the same reason as {@link postingsOf}, and to correct a misspelt word to the corpus terms closest to
 * it (`search` with `fuzzy` returns documents, not the terms matched); upstream, a public
 * `fuzzyTerms(term, distance)` would make it unnecessary.
 */
export function fuzzyPostingsOf(
  miniSearch: MiniSearch,
  term: string,
  distance: number,
): Map<string, [TermPostings, number]> {
  return stateOf(miniSearch)._index.fuzzyGet(term, distance);
}

/**
 * The index's terms that begin with `prefix`. Needed to complete an unfinished word: `autoSuggest`
 * returns whole queries scored over documents, not the index terms a prefix begins; upstream, a public
 * `termsWithPrefix(prefix)` would make it unnecessary.
 */
export function termsWithPrefix(miniSearch: MiniSearch, prefix: string): IterableIterator<string> {
  return stateOf(miniSearch)._index.atPrefix(prefix).keys();
}

/**
 * Short document id → document id, for documents still in the index. Needed because postings are
 * keyed by short ids (see {@link postingsOf}); upstream, postings keyed by document id, or a public
 * `documentIdOf(shortId)`, would make it unnecessary.
 */
export function documentIdsOf(miniSearch: MiniSearch): ReadonlyMap<number, string> {
  return stateOf(miniSearch)._documentIds;
}

/** What BM25's length normalisation needs of one field, by short document id. */
interface FieldLengths {
  /** The field's id, as postings key it. */
  fieldId: number;
  /** Short ids run from 0 to `idCount` − 1, discarded documents included. */
  idCount: number;
  /** The field's average length in terms, over the documents in the index. */
  average: number;
  /** The field's length in terms of each document still in the index. */
  lengths: Map<number, number>;
}

/**
 * A field's lengths, for scoring postings read with {@link postingsOf} as `search` scores them.
 * Needed because MiniSearch keeps field ids, field lengths, their average and the next short id to
 * itself; upstream, public field-length statistics (or the `termPostings` of {@link postingsOf} with
 * BM25 scores) would make it unnecessary.
 */
export function fieldLengthsOf(miniSearch: MiniSearch, field: string): FieldLengths {
  const state = stateOf(miniSearch);
  const fieldId = state._fieldIds[field]!;
  const lengths = new Map<number, number>();
  for (const doc of state._documentIds.keys()) lengths.set(doc, state._fieldLength.get(doc)![fieldId]!);
  return { fieldId, idCount: state._nextId, average: state._avgFieldLength[fieldId]!, lengths };
}

/**
 * Fills an empty MiniSearch with documents already tokenised and counted (in a worker, or read from
 * the disk cache), leaving exactly the state `add` would have left for the same documents in the
 * same order: short ids 0, 1, … in `ids` order, the same field lengths and running average, each
 * term's postings in ascending short id, and terms entered into the radix tree in `terms` order
 * (which must be the order `add` would first meet them). Needed because `add` tokenises and analyses
 * the text itself, token by token, which is most of the cost of building an index and cannot be
 * shared between threads; upstream, an `addCounted(id, field → term counts)` would make it
 * unnecessary.
 */
export function loadCountedDocuments(
  miniSearch: MiniSearch,
  field: string,
  ids: readonly string[],
  uniqueTokens: ArrayLike<number>,
  terms: Iterable<[term: string, shortIds: ArrayLike<number>, counts: ArrayLike<number>]>,
): void {
  const state = stateOf(miniSearch) as MiniSearchState & {
    _idToShortId: Map<string, number>;
    _documentCount: number;
  };
  if (state._nextId !== 0) throw new Error('MiniSearch: counted documents go into an empty index');
  const fieldId = state._fieldIds[field]!;
  let average = 0;
  for (let shortId = 0; shortId < ids.length; shortId++) {
    const id = ids[shortId]!;
    if (state._idToShortId.has(id)) throw new Error(`MiniSearch: duplicate ID ${id}`);
    state._idToShortId.set(id, shortId);
    state._documentIds.set(shortId, id);
    const lengths: number[] = [];
    lengths[fieldId] = uniqueTokens[shortId]!;
    state._fieldLength.set(shortId, lengths);
    // As `addFieldLength` computes it, so the average is the same to the last bit.
    average = (average * shortId + uniqueTokens[shortId]!) / (shortId + 1);
  }
  if (ids.length > 0) state._avgFieldLength[fieldId] = average;
  state._nextId = ids.length;
  state._documentCount = ids.length;
  for (const [term, shortIds, counts] of terms) {
    state._index.set(
      term,
      new LazyTermPostings(fieldId, () => {
        const docs = new Map<number, number>();
        for (let i = 0; i < shortIds.length; i++) docs.set(shortIds[i]!, counts[i]!);
        return docs;
      }),
    );
  }
}

/**
 * One term's postings (field id → short document id → term frequency) that builds its one field's
 * map when first read or written, by any of Map's methods: a corpus of 10,000 articles holds millions
 * of postings, and building them all as maps at start-up costs seconds (most of it the garbage
 * collector's) for terms most questions never ask about.
 */
class LazyTermPostings extends Map<number, Map<number, number>> {
  readonly #fieldId: number;
  #build: (() => Map<number, number>) | null;

  constructor(fieldId: number, build: () => Map<number, number>) {
    super();
    this.#fieldId = fieldId;
    this.#build = build;
  }

  #ready(): void {
    if (this.#build === null) return;
    const build = this.#build;
    this.#build = null;
    super.set(this.#fieldId, build());
  }

  override get size(): number {
    this.#ready();
    return super.size;
  }
  override get(key: number): Map<number, number> | undefined {
    this.#ready();
    return super.get(key);
  }
  override has(key: number): boolean {
    this.#ready();
    return super.has(key);
  }
  override set(key: number, value: Map<number, number>): this {
    this.#ready();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.#ready();
    return super.delete(key);
  }
  override clear(): void {
    this.#build = null;
    super.clear();
  }
  override forEach(
    callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void,
    thisArg?: unknown,
  ): void {
    this.#ready();
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    this.#ready();
    return super.entries();
  }
  override keys(): MapIterator<number> {
    this.#ready();
    return super.keys();
  }
  override values(): MapIterator<Map<number, number>> {
    this.#ready();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    this.#ready();
    return super[Symbol.iterator]();
  }
}
