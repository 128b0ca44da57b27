/**
 * What a command answers, as plain data. The Discord, terminal and JSON renderers each turn a
 * Reply into their own form; commands never format text themselves.
 */
import type { QuoteQuery, SpeakerCount } from './engine/quotes/book.ts';
import type { SummaryLength } from './engine/summary/options.ts';
import type { Answer, Block, Citation, Quote, Summary } from './engine/types.ts';
import type { StoredArticle } from './ingest/store.ts';

interface ReplyBase {
  /** Shown only to the person who asked (Discord ephemeral). */
  ephemeral: boolean;
}

/** Passages answering a question; `offset` is the first hit shown (for "More results"). */
export interface AnswerReply extends ReplyBase {
  type: 'answer';
  answer: Answer;
  offset: number;
  /** The article the answer was restricted to, when it was (so "More results" stays in it). */
  articleId?: string;
}

/**
 * Quotations found for a query (best first, or in reading order), and the corpus's speakers with
 * their counts. With an empty query, readers are shown the speakers; the JSON lists every quotation.
 */
export interface QuotesReply extends ReplyBase {
  type: 'quotes';
  query: QuoteQuery;
  quotes: Quote[];
  speakers: SpeakerCount[];
  /** The first quotation shown (for "More results"). */
  offset: number;
}

/** An article's summary in its own sentences; no sentences with a focus means the article doesn't say. */
export interface SummaryReply extends ReplyBase {
  type: 'summary';
  summary: Summary;
  length: SummaryLength;
}

/** A short message for the user: an expected failure, or a notice. */
export interface NoticeReply extends ReplyBase {
  type: 'notice';
  text: string;
}

/** The blocks around a cited one ("Show context"), in article order. */
export interface ContextReply extends ReplyBase {
  type: 'context';
  /** Citation of the cited block. */
  citation: Citation;
  blocks: Block[];
  /** `index` of the cited block among `blocks`' own indexes. */
  focus: number;
}

/** An article added (or found already there, or removed): the card a moderator sees. */
export interface ArticleReply extends ReplyBase {
  type: 'article';
  status: 'added' | 'present' | 'removed';
  article: StoredArticle;
  /** A first question worth asking of it, as a reader would type it. */
  suggestion: string | null;
}

/** One page of a server's articles, newest added first. */
export interface ArticlesReply extends ReplyBase {
  type: 'articles';
  articles: StoredArticle[];
  /** 1-based page shown, and how many there are. */
  page: number;
  pages: number;
  /** How many articles in all. */
  total: number;
}

export type Reply =
  AnswerReply | QuotesReply | SummaryReply | NoticeReply | ContextReply | ArticleReply | ArticlesReply;
