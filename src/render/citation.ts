/** Citation text shared by the renderers: "The Daily Courier · 5 Mar 2025 · ¶4". */
import type { Citation } from '../engine/types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03-05" → "5 Mar 2025"; null → "date unknown". */
export function formatDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return 'date unknown';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Where in the article: "¶4", or the block's kind for what has no paragraph number. */
export function formatPlace(citation: Citation): string {
  if (citation.paragraph !== null) return `¶${citation.paragraph}`;
  return citation.kind === 'caption' ? 'photo caption' : citation.kind;
}

/** "The Daily Courier · 5 Mar 2025 · ¶4" (publisher, date, place). */
export function formatCitation(citation: Citation): string {
  return [
    citation.publisher ?? 'unknown publisher',
    formatDate(citation.published),
    formatPlace(citation),
  ].join(' · ');
}

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.—–-]+$/, '')}…`;
}
