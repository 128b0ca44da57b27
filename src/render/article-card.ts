/** The words of an article card and of the article list, shared by the Discord and terminal renderers. */
import type { ArticleReply } from '../reply.ts';
import type { StoredArticle } from '../ingest/store.ts';
import { formatDate } from './citation.ts';

/** Articles one page of `/article list` shows. */
export const ARTICLES_PER_PAGE = 10;

/** "Added to this server's articles", "Already in the corpus", "Removed". */
export function cardHeading(reply: ArticleReply): string {
  switch (reply.status) {
    case 'added':
      return 'Added';
    case 'present':
      return 'Already in the corpus: nothing was added';
    case 'removed':
      return 'Removed';
  }
}

/** The card's facts, label and value: publisher, date, byline, paragraphs. */
export function cardFacts(article: StoredArticle): [string, string][] {
  return [
    ['Publisher', article.publisher ?? 'unknown'],
    ['Date', formatDate(article.published)],
    ['Byline', article.byline ?? 'none given'],
    ['Paragraphs', String(article.paragraphs)],
  ];
}

/** One line of the list: "Title — Publisher · 5 Mar 2025 · 12 ¶". */
export function listLine(article: StoredArticle): string {
  return `${article.title} — ${article.publisher ?? 'unknown publisher'} · ${formatDate(article.published)} · ${article.paragraphs} ¶`;
}

/** The command a card suggests trying first. */
export function suggestedCommand(question: string, article: StoredArticle): string {
  return `/ask question:${question} article:${article.title}`;
}
