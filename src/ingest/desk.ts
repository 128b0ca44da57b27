/**
 * The article desk: what `/article` and "Add to Byline" do, as plain functions of plain values. It
 * reads a link or an attachment, stores the article in the server's folder, and has the corpus
 * reloaded so that the next question finds it.
 */
import { readFile } from 'node:fs/promises';
import { parseArticleFile } from '../engine/corpus/files.ts';
import { extractQuotes } from '../engine/quotes/extract.ts';
import type { Article } from '../engine/types.ts';
import type { ArticleReply, ArticlesReply } from '../reply.ts';
import { ARTICLES_PER_PAGE } from '../render/article-card.ts';
import { SourceError } from '../engine/errors.ts';
import { DEFAULT_FETCH_OPTIONS, fetchPage, type FetchOptions } from './fetch.ts';
import { kindOfName, readLink, readNamedBytes, type ArticleDraft } from './source.ts';
import { listArticles, removeArticle, storeArticle, type StoredArticle } from './store.ts';

/** A file attached to a message, as Discord describes it. */
export interface Attachment {
  name: string;
  url: string;
  /** Size in bytes. */
  size: number;
}

export interface DeskOptions {
  corpusDir: string;
  /** Fetch options: `allowPrivate` from ALLOW_PRIVATE_URLS, the rest as their defaults. */
  fetch: Partial<FetchOptions>;
  /** Called after a file is written or removed; the bot reloads the corpus here. */
  afterChange: () => Promise<unknown>;
}

/** Who is adding: a server (null for none) and a user, named in the file's `added_by`. */
export interface Caller {
  serverId: string | null;
  userId: string;
  userName: string;
  /** The console's operator, who manages the shared articles (serverId null); never a Discord user. */
  operator?: boolean;
}

export class ArticleDesk {
  readonly #options: DeskOptions;

  constructor(options: DeskOptions) {
    this.#options = options;
  }

  /** Fetches a link and stores its article in the caller's server's folder. */
  async addLink(link: string, caller: Caller): Promise<ArticleReply> {
    return this.#store(await readLink(link, this.#options.fetch), caller);
  }

  /** Downloads an attachment (.html, .htm, .txt or .md) and stores its article. */
  async addAttachment(attachment: Attachment, caller: Caller): Promise<ArticleReply> {
    kindOfName(attachment.name); // refuses other file types before downloading
    const maxBytes = this.#options.fetch.maxBytes ?? DEFAULT_FETCH_OPTIONS.maxBytes;
    if (attachment.size > maxBytes) {
      throw new SourceError(
        'too-large',
        `${attachment.name} is larger than ${maxBytes / 1024 / 1024} MB: too large to be an article.`,
      );
    }
    // The file's name says what it is: Discord's CDN gives attachments types of its own choosing.
    const page = await fetchPage(attachment.url, { ...this.#options.fetch, accept: [] });
    return this.#store(readNamedBytes(attachment.name, page.bytes), caller);
  }

  /** One page of the caller's server's own articles, newest added first. */
  async list(caller: Caller, page = 1): Promise<ArticlesReply> {
    const all = await listArticles({ corpusDir: this.#options.corpusDir, serverId: caller.serverId });
    const pages = Math.max(1, Math.ceil(all.length / ARTICLES_PER_PAGE));
    const shown = Math.min(Math.max(1, page), pages);
    const articles = all.slice((shown - 1) * ARTICLES_PER_PAGE, shown * ARTICLES_PER_PAGE);
    return { type: 'articles', articles, page: shown, pages, total: all.length, ephemeral: true };
  }

  /** The caller's server's articles, for autocomplete. */
  async titles(caller: Caller): Promise<StoredArticle[]> {
    return listArticles({ corpusDir: this.#options.corpusDir, serverId: caller.serverId });
  }

  /** Removes one of the caller's server's articles (by id or title). */
  async remove(name: string, caller: Caller): Promise<ArticleReply> {
    const article = await removeArticle(
      { corpusDir: this.#options.corpusDir, serverId: caller.serverId },
      name,
    );
    await this.#options.afterChange();
    return { type: 'article', status: 'removed', article, suggestion: null, ephemeral: false };
  }

  async #store(draft: ArticleDraft, caller: Caller): Promise<ArticleReply> {
    const collection = { corpusDir: this.#options.corpusDir, serverId: caller.serverId };
    const { status, article } = await storeArticle(draft, collection, {
      by: `${caller.userName} (${caller.userId})`,
    });
    if (status === 'added') await this.#options.afterChange();
    const parsed = await readStored(article.file);
    return {
      type: 'article',
      status,
      article,
      suggestion: parsed ? suggestFirstQuestion(parsed) : null,
      ephemeral: false,
    };
  }
}

async function readStored(file: string): Promise<Article | null> {
  try {
    return parseArticleFile(file.split('/').at(-1)!, await readFile(file));
  } catch {
    return null;
  }
}

/**
 * A first question that the article answers: what its most quoted speaker said, else what it says
 * about the first name in its headline or lead (a run of capitalised words: "Ohio River"), else what
 * its headline is about. Plain, so that a new reader sees Byline work on the first try.
 */
export function suggestFirstQuestion(article: Article): string {
  const counts = new Map<string, number>();
  for (const q of extractQuotes(article)) {
    // A full name: a single word may be a place or an organisation the attribution took for a person.
    if (q.speaker && FULL_NAME.test(q.speaker)) counts.set(q.speaker, (counts.get(q.speaker) ?? 0) + 1);
  }
  const [speaker] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (speaker) return `What did ${speaker} say?`;
  const lead = article.blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
  for (const text of [article.meta.title, lead]) {
    // Not the first word: a headline or sentence capitalises it whatever it is.
    const name = /\s((?:\p{Lu}[\p{Ll}’'.-]+\s)+\p{Lu}[\p{Ll}’'.-]+)/u.exec(text)?.[1];
    if (name) return `What about ${name}?`;
  }
  return `What about ${article.meta.title.replace(/[?.!]+$/, '')}?`;
}

const FULL_NAME = /^\p{Lu}\S*(\s+\p{Lu}\S*)+$/u;

/** Whether a message's text holds a link, and the first one. */
export function firstLink(text: string): string | null {
  return /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/i.exec(text)?.[0] ?? null;
}
