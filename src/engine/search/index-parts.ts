/**
 * How a search index is built, saved and restored: the corpus's passages, their MiniSearch index and
 * the document frequency of each key term, built whole, in slices, or from a disk-cache snapshot
 * brought up to date.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { analyze, tokenize, type AnalysisOptions } from '../text/analysis.ts';
import type { Article, Passage } from '../types.ts';
import { NO_ALIASES, buildAliases, type Aliases } from './aliases.ts';
import { citationOf } from './citation.ts';
import { loadPostings, type CompactPostings } from './minisearch-internals.ts';
import { withSearchDefaults, type SearchOptions } from './options.ts';
import { LazyMap, indexTermsOf } from './views.ts';

/** Every searchable passage of the articles: one a block. */
export function passagesOf(articles: readonly Article[]): Passage[] {
  return articles.flatMap((article) =>
    article.blocks.map((block) => ({
      id: `${article.id}#${block.index}`,
      articleId: article.id,
      blockIndex: block.index,
      text: block.text,
      citation: citationOf(article, block),
      ...(article.meta.url ? { url: article.meta.url } : {}),
    })),
  );
}

/** What a `SearchIndex` is made of besides its articles' passages. */
export interface IndexParts {
  miniSearch: MiniSearch<Passage>;
  /** Number of passages each key term occurs in. */
  documentFrequency: Map<string, number>;
  aliases: Aliases;
}

/** The serialisable part of an index (aliases are rebuilt from per-article parts, see aliases.ts). */
export interface IndexSnapshot {
  /** MiniSearch's own serialisation, without its postings (`index` is empty). */
  miniSearch: AsPlainObject;
  /** The postings, in a form that parses and loads faster than MiniSearch's (see {@link CompactPostings}). */
  postings: CompactPostings;
  documentFrequency: [string, number][];
}

/** The parts to save in the disk cache (see {@link restoreIndexParts}). */
export function snapshotOf(parts: IndexParts): IndexSnapshot {
  const { index, ...miniSearch } = parts.miniSearch.toJSON();
  return {
    miniSearch: { ...miniSearch, index: [] },
    postings: index.map(([term, fields]) => [
      term,
      Object.entries(fields).map(([fieldId, docs]) => [
        Number(fieldId),
        Object.keys(docs).map(Number),
        Object.values(docs),
      ]),
    ]),
    documentFrequency: [...parts.documentFrequency],
  };
}

/** A MiniSearch from a snapshot: its own loader for everything but the postings, which are set directly. */
function loadMiniSearch(snapshot: IndexSnapshot, options: Options<Passage>): MiniSearch<Passage> {
  const miniSearch = MiniSearch.loadJS<Passage>(snapshot.miniSearch, options);
  loadPostings(miniSearch, snapshot.postings);
  return miniSearch;
}

/**
 * MiniSearch's options for the passage index: the same when building and when loading a snapshot.
 * `processTerm` is pure and sees each distinct word form many times, so its results are memoised.
 */
function miniSearchOptions(analysis: AnalysisOptions): Options<Passage> {
  const processed = new Map<string, string[] | null>();
  return {
    fields: ['text'],
    storeFields: [],
    tokenize: (text) => tokenize(text).map((t) => t.raw),
    processTerm: (raw) => {
      let terms = processed.get(raw);
      if (terms === undefined) {
        const analysed = analyze(raw, analysis);
        terms = analysed.length ? analysed : null;
        if (processed.size >= PROCESS_TERM_MEMO_LIMIT) processed.clear();
        processed.set(raw, terms);
      }
      return terms;
    },
  };
}

/** How many distinct word forms `processTerm` remembers. */
const PROCESS_TERM_MEMO_LIMIT = 200_000;

/** Adds passages to the parts: to MiniSearch, and their terms to the document frequencies. */
function addPassages(parts: IndexParts, passages: readonly Passage[], terms: Map<string, string[]>): void {
  for (const p of passages) {
    parts.miniSearch.add(p);
    for (const term of new Set(terms.get(p.id)!)) {
      parts.documentFrequency.set(term, (parts.documentFrequency.get(term) ?? 0) + 1);
    }
  }
}

/**
 * Builds an index's parts at once. `terms` gives each passage's key terms (see `TextViews.passageTerms`), so
 * those computed here are kept for the re-rank.
 */
export function buildIndexPartsSync(
  articles: readonly Article[],
  passages: readonly Passage[],
  analysis: AnalysisOptions,
  terms: Map<string, string[]>,
): IndexParts {
  const parts: IndexParts = {
    miniSearch: new MiniSearch<Passage>(miniSearchOptions(analysis)),
    documentFrequency: new Map(),
    aliases: NO_ALIASES,
  };
  addPassages(parts, passages, terms);
  parts.aliases = buildAliases(articles, analysis);
  return parts;
}

/** Passages indexed between two yields to the event loop by {@link buildIndexParts}. */
const PASSAGES_PER_SLICE = 500;

/**
 * Builds an index's parts without holding the event loop for long: passages are indexed in slices,
 * yielding between them, so a bot keeps answering while a new index is built beside the live one.
 */
export async function buildIndexParts(
  articles: readonly Article[],
  options: Partial<SearchOptions>,
  aliases: Aliases,
): Promise<IndexParts> {
  const analysis = withSearchDefaults(options).analysis;
  const passages = passagesOf(articles);
  const parts: IndexParts = {
    miniSearch: new MiniSearch<Passage>(miniSearchOptions(analysis)),
    documentFrequency: new Map(),
    aliases,
  };
  const terms = new LazyMap<string, string[]>((id) => indexTermsOf(byId.get(id)!.text, analysis));
  const byId = new Map(passages.map((p) => [p.id, p]));
  for (let i = 0; i < passages.length; i += PASSAGES_PER_SLICE) {
    addPassages(parts, passages.slice(i, i + PASSAGES_PER_SLICE), terms);
    terms.clear();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return parts;
}

/**
 * Parts restored from a snapshot of an index over `previous` articles, then brought up to date with
 * `current`: the passages of articles that are gone or changed are discarded from MiniSearch and
 * those of new or changed articles added, their terms counted in or out of the document frequencies.
 * Articles are compared by identity: an unchanged article is the same object in both lists.
 */
export function restoreIndexParts(
  snapshot: IndexSnapshot,
  previous: readonly Article[],
  current: readonly Article[],
  options: Partial<SearchOptions>,
  aliases: Aliases,
): IndexParts {
  const analysis = withSearchDefaults(options).analysis;
  const parts: IndexParts = {
    miniSearch: loadMiniSearch(snapshot, miniSearchOptions(analysis)),
    documentFrequency: new Map(snapshot.documentFrequency),
    aliases,
  };
  const kept = new Set(current);
  const stale = new Set(previous);
  const removed = passagesOf(previous.filter((a) => !kept.has(a)));
  const added = passagesOf(current.filter((a) => !stale.has(a)));
  for (const p of removed) {
    parts.miniSearch.discard(p.id);
    for (const term of new Set(indexTermsOf(p.text, analysis))) {
      const n = (parts.documentFrequency.get(term) ?? 0) - 1;
      if (n > 0) parts.documentFrequency.set(term, n);
      else parts.documentFrequency.delete(term);
    }
  }
  addPassages(parts, added, new Map(added.map((p) => [p.id, indexTermsOf(p.text, analysis)])));
  return parts;
}
