/**
 * How a search index is built: the corpus's passages, their MiniSearch index and the document
 * frequency of each key term, built from the text on one thread, or replayed from articles analysed
 * beforehand into {@link ArticleTerms} (in worker threads, or read from the disk cache).
 */
import MiniSearch, { type Options } from 'minisearch';
import { analyze, tokenize, type AnalysisOptions } from '../text/analysis.ts';
import type { Article, Passage } from '../types.ts';
import { NO_ALIASES, buildAliases, type Aliases } from './aliases.ts';
import { citationOf } from './citation.ts';
import { loadCountedDocuments } from './minisearch-internals.ts';
import { withSearchDefaults, type SearchOptions } from './options.ts';
import { indexTermsOf, type PassageTermSource } from './views.ts';

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
  /** Each passage's key terms, already analysed (when built from {@link ArticleTerms}). */
  terms?: PassageTermSource;
}

/**
 * MiniSearch's options for the passage index: the same when building and when loading a snapshot.
 * `processTerm` is pure and sees each distinct word form many times, so its results are memoised.
 */
export function miniSearchOptions(analysis: AnalysisOptions): Options<Passage> {
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

/**
 * Every distinct term of an index, numbered in the order first met: what {@link ArticleTerms} refer
 * to. One table serves a corpus for as long as it is loaded (reloads add to it), so an unchanged
 * article's numbers stay valid.
 */
export class TermTable {
  readonly terms: string[];
  /** Term → number, built when first needed: a corpus loaded whole from the cache never needs it. */
  #ids: Map<string, number> | null = null;

  constructor(terms: string[] = []) {
    this.terms = terms;
  }

  /** The term's number, adding it to the table when new. */
  idOf(term: string): number {
    this.#ids ??= new Map(this.terms.map((t, i) => [t, i]));
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.#ids.set(term, id);
    }
    return id;
  }
}

/**
 * One article's passages as the index sees them, as numbers into a {@link TermTable}: what MiniSearch
 * counts of each passage, and each passage's key terms in order. Computed once for each version of an
 * article (in a worker for a large corpus), kept in the disk cache, and replayed into an index by
 * {@link indexPartsOf} without reading the text again. Passage `p` is the article's block `p`.
 */
export interface ArticleTerms {
  table: TermTable;
  /** Distinct tokens of each passage: MiniSearch's field length. */
  fieldLengths: Uint32Array;
  /** Passage `p`'s distinct MiniSearch terms are `postingTerms[postingStart[p] .. postingStart[p + 1]]`, first met first. */
  postingStart: Uint32Array;
  postingTerms: Uint32Array;
  /** How often each of those terms occurs in its passage. */
  postingCounts: Uint32Array;
  /** Passage `p`'s key terms, in order, are `keyTerms[keyStart[p] .. keyStart[p + 1]]` (see `indexTermsOf`). */
  keyStart: Uint32Array;
  keyTerms: Uint32Array;
}

/**
 * A function that analyses articles into {@link ArticleTerms} numbered by `table`: what MiniSearch's
 * `add` would count of each passage (the same tokenizer and term processing), and its key terms.
 */
export function articleAnalyzer(
  analysis: AnalysisOptions,
  table: TermTable,
): (article: Article) => ArticleTerms {
  const options = miniSearchOptions(analysis);
  const tokenizeField = options.tokenize!;
  const processTerm = options.processTerm!;
  return (article) => {
    const passages = article.blocks.length;
    const fieldLengths = new Uint32Array(passages);
    const postingStart = new Uint32Array(passages + 1);
    const keyStart = new Uint32Array(passages + 1);
    const postingTerms: number[] = [];
    const postingCounts: number[] = [];
    const keyTerms: number[] = [];
    const counts = new Map<number, number>();
    article.blocks.forEach((block, p) => {
      const tokens = tokenizeField(block.text, 'text');
      fieldLengths[p] = new Set(tokens).size;
      counts.clear();
      for (const token of tokens) {
        const processed = processTerm(token, 'text');
        for (const term of Array.isArray(processed) ? processed : processed ? [processed] : []) {
          const id = table.idOf(term);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      }
      for (const [id, count] of counts) {
        postingTerms.push(id);
        postingCounts.push(count);
      }
      postingStart[p + 1] = postingTerms.length;
      for (const term of indexTermsOf(block.text, analysis)) keyTerms.push(table.idOf(term));
      keyStart[p + 1] = keyTerms.length;
    });
    return {
      table,
      fieldLengths,
      postingStart,
      postingTerms: Uint32Array.from(postingTerms),
      postingCounts: Uint32Array.from(postingCounts),
      keyStart,
      keyTerms: Uint32Array.from(keyTerms),
    };
  };
}

/** `terms` numbered by `table` instead: `local` is the table they were numbered by (a worker's). */
export function renumberTerms(terms: ArticleTerms, local: readonly string[], table: TermTable): ArticleTerms {
  const ids = local.map((t) => table.idOf(t));
  return {
    ...terms,
    table,
    postingTerms: terms.postingTerms.map((id) => ids[id]!),
    keyTerms: terms.keyTerms.map((id) => ids[id]!),
  };
}

/**
 * An index's parts from articles already analysed into {@link ArticleTerms} (all numbered by one
 * table): the same MiniSearch state, document frequencies and key terms as building from the text,
 * without analysing it again. With `slices`, yields to the event loop now and then, for a bot that
 * keeps answering meanwhile.
 */
export async function indexPartsOf(
  articles: readonly Article[],
  terms: readonly ArticleTerms[],
  options: Partial<SearchOptions>,
  aliases: Aliases,
  { slices = false }: { slices?: boolean } = {},
): Promise<IndexParts> {
  const pause = () => (slices ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
  const analysis = withSearchDefaults(options).analysis;
  const table = terms[0]?.table ?? new TermTable();
  if (terms.some((t) => t.table !== table))
    throw new Error('index parts: article terms from two term tables');
  const names = table.terms;
  const ids: string[] = [];
  const uniqueTokens: number[] = [];
  // First pass, passage by passage: ids, lengths, each term's postings count and first appearance,
  // and document frequencies (a key term repeated in a passage counts once).
  const postings = new Uint32Array(names.length);
  const postingOrder: number[] = [];
  const df = new Uint32Array(names.length);
  const dfOrder: number[] = [];
  const seen = new Int32Array(names.length).fill(-1);
  articles.forEach((article, a) => {
    const t = terms[a]!;
    for (let p = 0; p < article.blocks.length; p++) {
      const passage = ids.length;
      ids.push(`${article.id}#${article.blocks[p]!.index}`);
      uniqueTokens.push(t.fieldLengths[p]!);
      for (let i = t.postingStart[p]!; i < t.postingStart[p + 1]!; i++) {
        const id = t.postingTerms[i]!;
        if (postings[id]!++ === 0) postingOrder.push(id);
      }
      for (let i = t.keyStart[p]!; i < t.keyStart[p + 1]!; i++) {
        const id = t.keyTerms[i]!;
        if (seen[id] === passage) continue;
        seen[id] = passage;
        if (df[id]!++ === 0) dfOrder.push(id);
      }
    }
  });
  await pause();
  // Second pass: the postings inverted, term by term, into two flat arrays.
  const start = new Uint32Array(names.length + 1);
  for (let id = 0; id < names.length; id++) start[id + 1] = start[id]! + postings[id]!;
  const fill = start.slice(0, names.length);
  const docs = new Uint32Array(start[names.length]!);
  const counts = new Uint32Array(start[names.length]!);
  let shortId = 0;
  articles.forEach((article, a) => {
    const t = terms[a]!;
    for (let p = 0; p < article.blocks.length; p++, shortId++) {
      for (let i = t.postingStart[p]!; i < t.postingStart[p + 1]!; i++) {
        const at = fill[t.postingTerms[i]!]!++;
        docs[at] = shortId;
        counts[at] = t.postingCounts[i]!;
      }
    }
  });
  await pause();
  const miniSearch = new MiniSearch<Passage>(miniSearchOptions(analysis));
  loadCountedDocuments(
    miniSearch,
    'text',
    ids,
    uniqueTokens,
    postingOrder.map((id) => [
      names[id]!,
      docs.subarray(start[id]!, start[id + 1]!),
      counts.subarray(start[id]!, start[id + 1]!),
    ]),
  );
  const documentFrequency = new Map(dfOrder.map((id) => [names[id]!, df[id]!]));
  return { miniSearch, documentFrequency, aliases, terms: new StoredTerms(articles, terms) };
}

/** Passages' key terms read from {@link ArticleTerms} (see `PassageTermSource`). */
class StoredTerms implements PassageTermSource {
  readonly #articles = new Map<string, [Article, ArticleTerms]>();

  constructor(articles: readonly Article[], terms: readonly ArticleTerms[]) {
    articles.forEach((article, i) => this.#articles.set(article.id, [article, terms[i]!]));
  }

  passageTerms(passageId: string): string[] | undefined {
    const hash = passageId.lastIndexOf('#');
    const entry = this.#articles.get(passageId.slice(0, hash));
    if (!entry) return undefined;
    const [article, t] = entry;
    const blockIndex = Number(passageId.slice(hash + 1));
    const p = article.blocks.findIndex((b) => b.index === blockIndex);
    if (p < 0) return undefined;
    const names = t.table.terms;
    return Array.from(t.keyTerms.subarray(t.keyStart[p]!, t.keyStart[p + 1]!), (id) => names[id]!);
  }

  articleTerms(articleId: string): Set<string> | undefined {
    const t = this.#articles.get(articleId)?.[1];
    if (!t) return undefined;
    const names = t.table.terms;
    const terms = new Set<string>();
    for (const id of t.keyTerms) terms.add(names[id]!);
    return terms;
  }
}
