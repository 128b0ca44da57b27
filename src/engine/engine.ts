/**
 * The engine: a loaded corpus and its index. Commands take an Engine and return plain data;
 * nothing here knows about Discord or the terminal.
 */
import { loadCorpus } from './corpus/files.ts';
import { UserError } from './errors.ts';
import { QuoteBook } from './quotes/book.ts';
import type { PassageScope } from './search/find.ts';
import type { IndexParts } from './search/index-parts.ts';
import type { SearchOptions } from './search/options.ts';
import { SearchIndex } from './search/search-index.ts';
import {
  buildVocabulary,
  buildVocabularyInSlices,
  suggestQuestions,
  type Vocabulary,
} from './search/suggest.ts';
import type { Answer, Article, Block } from './types.ts';
import type { WordVectors } from './text/vectors.ts';
import { cleanQuestion } from './text/clean.ts';

/** Blocks shown either side of a cited one by {@link Engine.contextOf}: enough to read it in its setting. */
const CONTEXT_RADIUS = 2;

/** Longest question accepted, in characters: Discord's option limit for `/ask`, and the CLI's too. */
export const MAX_QUESTION_LENGTH = 300;

/**
 * Longest text read as a question before cleaning: mentions and markdown may make a question of
 * 300 characters longer, but nothing a person types is this long, and nothing longer is worth reading.
 */
const MAX_RAW_QUESTION_LENGTH = 4 * MAX_QUESTION_LENGTH;

/** What makes an Engine a server's view of another (see {@link Engine.forServer}). */
interface ViewOf {
  root: Engine;
  /** The server, or null for the view of direct messages: the shared articles only. */
  serverId: string | null;
}

export class Engine {
  /** The articles this engine answers from: all of them, or a server's view's. */
  readonly articles: readonly Article[];
  readonly index: SearchIndex;
  readonly #view: ViewOf | null;
  /** The view's article ids, passed to every search; undefined for the whole corpus. */
  readonly #articleIds: ReadonlySet<string> | undefined;
  readonly #views = new Map<string, Engine>();
  #quoteBook: QuoteBook | null = null;
  #vocabulary: Vocabulary | null = null;
  #byDate: Article[] | null = null;
  #preparing: Promise<void> | null = null;

  /** Indexes `articles`, or adopts index `parts` built for exactly them (see `indexPartsOf` and corpus/cache.ts). */
  constructor(
    articles: readonly Article[],
    options: Partial<SearchOptions> = {},
    parts?: IndexParts,
    view?: ViewOf,
  ) {
    this.#view = view ?? null;
    if (view) {
      this.articles = articles;
      this.index = view.root.index;
      this.#articleIds = new Set(articles.map((a) => a.id));
    } else {
      this.articles = articles;
      this.index = new SearchIndex(articles, options, parts);
      this.#articleIds = undefined;
    }
  }

  /**
   * The corpus as one server sees it: the shared articles (those at the top of the corpus folder)
   * and the server's own; with `null` (direct messages), the shared articles only. The same API, so
   * commands never know: every answer, quotation, summary, suggestion and context is drawn from the
   * view's articles alone. One index serves every view, each search filtered to the view's articles.
   * Views are made once per engine and server.
   */
  forServer(serverId: string | null): Engine {
    if (this.#view) return this.#view.root.forServer(serverId);
    const key = serverId ?? '';
    let view = this.#views.get(key);
    if (!view) {
      const articles = this.articles.filter((a) => a.collection === undefined || a.collection === serverId);
      // Without server articles in the view's way, the whole corpus is the view: nothing to filter.
      view =
        articles.length === this.articles.length
          ? this
          : new Engine(articles, this.index.options, undefined, { root: this, serverId });
      this.#views.set(key, view);
    }
    return view;
  }

  /** Word vectors for understanding questions in other words than the articles'; null for none. */
  useVectors(vectors: WordVectors | null): void {
    this.index.useVectors(vectors);
  }

  /** The word vectors in use, if any: summaries compare sentences with them too. */
  get wordVectors(): WordVectors | null {
    return this.index.vectors;
  }

  /** Loads every article of `dir` and indexes it. Throws CorpusError naming a bad file. */
  static async load(dir: string, options: Partial<SearchOptions> = {}): Promise<Engine> {
    return new Engine(await loadCorpus(dir), options);
  }

  /**
   * Answers a question from the corpus, or from one article's passages with `scope.articleId`.
   * Throws UserError for an empty or over-long question.
   */
  ask(question: string, limit?: number, scope: PassageScope = {}): Answer {
    const answer = this.index.findPassages(checkQuestion(question), limit, this.#scoped(scope));
    // Shown back as the reader typed it (the renderers escape it); answered as cleaned.
    return { ...answer, question: question.replace(/\s+/g, ' ').trim() };
  }

  #scoped(scope: PassageScope): PassageScope {
    return this.#articleIds ? { ...scope, articleIds: this.#articleIds } : scope;
  }

  /**
   * Every quotation of the corpus, ranked on topics as `/ask` ranks passages: extracted by
   * {@link prepare}, or on first use if that has not finished.
   */
  get quotes(): QuoteBook {
    this.#quoteBook ??= this.#view
      ? this.#viewQuoteBook(this.#view.root.quotes)
      : new QuoteBook(this.articles, this.#rankPassages);
    return this.#quoteBook;
  }

  /** A view's quotations: the root's, of the view's articles only; topics ranked within the view. */
  #viewQuoteBook(all: QuoteBook): QuoteBook {
    const ids = this.#articleIds!;
    const quotes = all.quotes.filter((q) => ids.has(q.articleId));
    return new QuoteBook(this.articles, this.#rankPassages, all.options, quotes);
  }

  readonly #rankPassages = (text: string, limit: number) =>
    this.index.findPassages(cleanQuestion(text), limit, this.#scoped({}));

  /**
   * The blocks around one block of an article, `radius` either side, in article order; null when the
   * article or the block does not exist (a stale reference).
   */
  contextOf(
    articleId: string,
    blockIndex: number,
    radius: number = CONTEXT_RADIUS,
  ): { article: Article; blocks: Block[] } | null {
    const article = this.articles.find((a) => a.id === articleId);
    if (!article || !article.blocks.some((b) => b.index === blockIndex)) return null;
    const blocks = article.blocks.filter((b) => Math.abs(b.index - blockIndex) <= radius);
    return { article, blocks };
  }

  /**
   * Autocomplete suggestions for a question being typed (see suggestQuestions). While {@link prepare}
   * is still counting the corpus's words, only what was typed is offered, rather than holding every
   * other interaction up for the seconds a large corpus takes.
   */
  suggest(typed: string): string[] {
    typed = cleanQuestion(typed.slice(0, MAX_RAW_QUESTION_LENGTH));
    // A server's view reads its own articles' words beside the shared ones, counted once for all servers.
    const view = this.#view;
    if (view?.serverId != null) {
      return suggestQuestions([this.#ownVocabulary(), view.root.forServer(null).#ownVocabulary()], typed);
    }
    return suggestQuestions(this.#ownVocabulary(), typed);
  }

  /** The words of the articles this engine counts itself: all, the shared ones, or a server's own. */
  #ownVocabulary(): Vocabulary {
    if (!this.#vocabulary && this.#preparing) return NO_VOCABULARY;
    this.#vocabulary ??= buildVocabulary(this.#countedArticles());
    return this.#vocabulary;
  }

  #countedArticles(): readonly Article[] {
    const view = this.#view;
    return view?.serverId != null
      ? this.articles.filter((a) => a.collection === view.serverId)
      : this.articles;
  }

  /**
   * Builds what is otherwise built on first use (the autocomplete vocabulary, then the quotations)
   * without holding the event loop for long. The bot calls it at start-up and before handing over a
   * reloaded engine.
   */
  async prepare(): Promise<void> {
    this.#preparing ??= (async () => {
      const vocabulary = await buildVocabularyInSlices(this.#countedArticles());
      this.#vocabulary ??= vocabulary;
      // A view's quotations are the root's, filtered when first asked for: nothing to extract here.
      if (this.#view) return;
      if (!this.#quoteBook) {
        const book = await QuoteBook.build(this.articles, this.#rankPassages);
        this.#quoteBook ??= book;
      }
      // What every server's view shares: the shared articles' words.
      const shared = this.forServer(null);
      if (shared !== this) await shared.prepare();
    })();
    await this.#preparing;
  }

  /** The article with this id, or whose title contains the words given; null when none matches. */
  findArticle(query: string): Article | null {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    return (
      this.articles.find((a) => a.id === query || a.meta.title.toLowerCase() === q) ??
      this.articles.find((a) => a.meta.title.toLowerCase().includes(q)) ??
      null
    );
  }

  /** Articles newest first (undated ones last, then by title). */
  articlesByDate(): Article[] {
    // Autocomplete asks on every keystroke: sort once (the articles never change).
    this.#byDate ??= [...this.articles].sort(
      (a, b) =>
        (b.meta.published ?? '').localeCompare(a.meta.published ?? '') ||
        a.meta.title.localeCompare(b.meta.title),
    );
    return [...this.#byDate];
  }
}

const NO_VOCABULARY: Vocabulary = { words: [], headings: [] };

/** The question, trimmed, or a UserError saying what is wrong with it. */
function checkQuestion(question: string): string {
  const q = cleanQuestion(question.slice(0, MAX_RAW_QUESTION_LENGTH + 1));
  if (!q) throw new UserError('empty-question', 'Ask a question: for example "Who is leading the talks?"');
  if (q.length > MAX_QUESTION_LENGTH || question.length > MAX_RAW_QUESTION_LENGTH) {
    throw new UserError(
      'question-too-long',
      `Questions are limited to ${MAX_QUESTION_LENGTH} characters; this one has ${question.length.toLocaleString('en-US')}.`,
    );
  }
  return q;
}
