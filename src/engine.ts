/**
 * The engine: a loaded corpus and its index. Commands take an Engine and return plain data;
 * nothing here knows about Discord or the terminal.
 */
import { loadCorpus } from './corpus.ts';
import { UserError } from './errors.ts';
import { SearchIndex, type SearchOptions } from './search.ts';
import type { Answer, Article } from './types.ts';

/** Longest question accepted, in characters: Discord's option limit for `/ask`, and the CLI's too. */
export const MAX_QUESTION_LENGTH = 300;

export class Engine {
  readonly articles: readonly Article[];
  readonly index: SearchIndex;

  constructor(articles: readonly Article[], options: Partial<SearchOptions> = {}) {
    this.articles = articles;
    this.index = new SearchIndex(articles, options);
  }

  /** Loads every article of `dir` and indexes it. Throws CorpusError naming a bad file. */
  static async load(dir: string, options: Partial<SearchOptions> = {}): Promise<Engine> {
    return new Engine(await loadCorpus(dir), options);
  }

  /** Answers a question from the corpus. Throws UserError for an empty or over-long question. */
  ask(question: string, limit?: number): Answer {
    return this.index.findPassages(checkQuestion(question), limit);
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
    return [...this.articles].sort(
      (a, b) =>
        (b.meta.published ?? '').localeCompare(a.meta.published ?? '') ||
        a.meta.title.localeCompare(b.meta.title),
    );
  }
}

/** The question, trimmed, or a UserError saying what is wrong with it. */
export function checkQuestion(question: string): string {
  const q = question.replace(/\s+/g, ' ').trim();
  if (!q) throw new UserError('empty-question', 'Ask a question: for example "Who is leading the talks?"');
  if (q.length > MAX_QUESTION_LENGTH) {
    throw new UserError(
      'question-too-long',
      `Questions are limited to ${MAX_QUESTION_LENGTH} characters; this one has ${q.length.toLocaleString('en-US')}.`,
    );
  }
  return q;
}
