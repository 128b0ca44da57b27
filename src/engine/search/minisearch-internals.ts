/**
 * Every read or write of MiniSearch's private state, in one place, so that an upgrade of MiniSearch
 * has one file to check. Written against minisearch 7.2 (`src/MiniSearch.ts`, whose fields are
 * `protected`, and `src/SearchableMap/SearchableMap.ts`). Each function says why the public API does
 * not serve and which public API upstream would make it unnecessary.
 */
import type MiniSearch from 'minisearch';

/** One term's postings, as MiniSearch keeps them: field id → short document id → term frequency. */
export type TermPostings = Map<number, Map<number, number>>;

/**
 * Postings in a compact form: `[term, [[fieldId, short document ids, term frequencies]]]`. Arrays of
 * numbers parse and load several times faster than MiniSearch's objects keyed by document id.
 */
export type CompactPostings = [string, [number, number[], number[]][]][];

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
 * Sets postings into a MiniSearch loaded (by `MiniSearch.loadJS`) with an empty `index`. Needed because
 * `loadJS` only reads postings as objects keyed by document id, several times slower to parse and load
 * than arrays; upstream, a `loadJS` that accepts postings as arrays (or a public `setPostings`) would
 * make it unnecessary.
 */
export function loadPostings(miniSearch: MiniSearch, postings: CompactPostings): void {
  const index = stateOf(miniSearch)._index;
  for (const [term, fields] of postings) {
    const data: TermPostings = new Map();
    for (const [fieldId, ids, frequencies] of fields) {
      const docs = new Map<number, number>();
      for (let i = 0; i < ids.length; i++) docs.set(ids[i]!, frequencies[i]!);
      data.set(fieldId, docs);
    }
    index.set(term, data);
  }
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
