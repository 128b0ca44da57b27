/** Wording shared by the quotation renderers: who said it, and what was asked for. */
import type { QuoteQuery, SpeakerCount } from '../engine/quotes/book.ts';
import type { Quote } from '../engine/types.ts';

/** Shown in place of a speaker the article does not name. */
export const UNATTRIBUTED = 'unattributed';

/** "Jane Roe, Port Authority Spokeswoman", or "unattributed". */
export function speakerLabel(quote: Pick<Quote, 'speaker' | 'role'>): string {
  if (quote.speaker === null) return UNATTRIBUTED;
  return quote.role ? `${quote.speaker}, ${quote.role}` : quote.speaker;
}

/** "Jane Roe (Port Authority Spokeswoman): 4 quotations". */
export function speakerLine(s: SpeakerCount): string {
  return `${s.name}${s.role ? ` (${s.role})` : ''}: ${s.count} ${s.count === 1 ? 'quotation' : 'quotations'}`;
}

/** True when nothing was asked for: readers are then shown the speakers. */
export function isEmptyQuery(query: QuoteQuery): boolean {
  return !query.speaker && !query.about && !query.text && !query.article;
}

/** 'Quotations by "Roe" about "wages"', for a reply's title. */
export function describeQuery(query: QuoteQuery): string {
  const parts = [
    query.speaker ? `by “${query.speaker}”` : '',
    query.about ? `about “${query.about}”` : '',
    query.text ? `matching “${query.text}”` : '',
    query.article ? 'from the chosen article' : '',
  ].filter(Boolean);
  return parts.length ? `Quotations ${parts.join(' ')}` : 'Speakers quoted';
}

/** What to say when nothing matches. */
export function noQuotation(query: QuoteQuery): string {
  if (query.text && !query.speaker && !query.about)
    return 'No quotation in the articles matches those words.';
  return `No quotation ${describeQuery(query).replace(/^Quotations /, '')} in the articles.`;
}
