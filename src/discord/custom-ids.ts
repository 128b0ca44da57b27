/**
 * Button state lives in the custom id, so a button still works after a restart and the bot keeps no
 * memory of past answers. Two kinds:
 * - `more:<offset>:<question>`: show the answer's passages from `offset` on (`more:<offset>@<article>:<question>`
 *   for an answer from one article);
 * - `context:<block>:<article>`: show the blocks around block `block` of an article;
 * - `quotes:<offset>:<speaker>|<about>|<text>`: show a `/quote` query's quotations from `offset` on
 *   (`quotes:<offset>@<article>:…` for one article's quotations).
 * A question or article id too long for the 100 characters is shortened (see below); anything that
 * does not parse is refused, since custom ids come back from the client and can be forged.
 */
import { isStopToken, tokenize } from '../engine/text/analysis.ts';
import type { QuoteQuery } from '../engine/quotes/book.ts';
import { CUSTOM_ID_MAX } from './limits.ts';

export type ButtonState =
  | { kind: 'more'; offset: number; question: string; article?: string }
  | { kind: 'context'; block: number; article: string }
  | { kind: 'quotes'; offset: number; query: QuoteQuery };

/** The fields of a quotation query, in their order in a `quotes:` custom id. */
const QUOTE_FIELDS = ['speaker', 'about', 'text'] as const;
/** Separates the query's fields in a `quotes:` custom id; taken out of the values themselves. */
const FIELD_SEPARATOR = '|';

/** Marks an article reference that is a hash of a long article id rather than the id itself. */
const HASHED = '~';

/** Encodes button state into a custom id of at most {@link CUSTOM_ID_MAX} characters. */
export function encodeCustomId(state: ButtonState): string {
  if (state.kind === 'more') {
    const scope = state.article === undefined ? '' : `@${articleReference(state.article, ARTICLE_REF_MAX)}`;
    const prefix = `more:${state.offset}${scope}:`;
    return prefix + compactQuestion(state.question, CUSTOM_ID_MAX - prefix.length);
  }
  if (state.kind === 'quotes') {
    const { article } = state.query;
    const scope = article === undefined ? '' : `@${articleReference(article, ARTICLE_REF_MAX)}`;
    const prefix = `quotes:${state.offset}${scope}:`;
    const values = QUOTE_FIELDS.map((f) => (state.query[f] ?? '').replaceAll(FIELD_SEPARATOR, ' ').trim());
    // Each field gets its share of the room; a short field leaves the rest to the others.
    let room = CUSTOM_ID_MAX - prefix.length - (QUOTE_FIELDS.length - 1);
    const fitted = values.map((value, i) => {
      const share = Math.floor(room / (QUOTE_FIELDS.length - i));
      const fit = compactQuestion(value, share);
      room -= fit.length;
      return fit;
    });
    return prefix + fitted.join(FIELD_SEPARATOR);
  }
  const prefix = `context:${state.block}:`;
  const room = CUSTOM_ID_MAX - prefix.length;
  return prefix + articleReference(state.article, room);
}

/** Longest article reference in a `more:` custom id, leaving the question most of the room. */
const ARTICLE_REF_MAX = 24;

/** An article id as a custom id carries it: itself when it fits `room`, else its hash. */
function articleReference(articleId: string, room: number): string {
  return articleId.length <= room && !articleId.startsWith(HASHED) && !articleId.includes(':')
    ? articleId
    : articleHash(articleId);
}

/** The state in a custom id, or null when it is not one this bot made. */
export function decodeCustomId(customId: string): ButtonState | null {
  if (customId.length > CUSTOM_ID_MAX) return null;
  const scoped = /^more:(\d{1,4})@([^:]+):(.+)$/s.exec(customId);
  if (scoped) {
    return {
      kind: 'more',
      offset: Number(scoped[1]),
      question: scoped[3] as string,
      article: scoped[2] as string,
    };
  }
  const more = /^more:(\d{1,4}):(.+)$/s.exec(customId);
  if (more) return { kind: 'more', offset: Number(more[1]), question: more[2] as string };
  const quotes = /^quotes:(\d{1,4})(?:@([^:|]+))?:([^|]*)\|([^|]*)\|([^|]*)$/s.exec(customId);
  if (quotes) {
    const query: QuoteQuery = {};
    QUOTE_FIELDS.forEach((field, i) => {
      if (quotes[i + 3]) query[field] = quotes[i + 3];
    });
    // The article is a reference here (an id, or the hash of a long one): the button resolves it.
    if (quotes[2]) query.article = quotes[2];
    return Object.keys(query).length > 0 ? { kind: 'quotes', offset: Number(quotes[1]), query } : null;
  }
  const context = /^context:(\d{1,6}):(.+)$/s.exec(customId);
  if (context) return { kind: 'context', block: Number(context[1]), article: context[2] as string };
  return null;
}

/** Whether an article reference from a custom id names this article (by id, or by hash of a long id). */
export function refersTo(reference: string, articleId: string): boolean {
  return reference === articleId || reference === articleHash(articleId);
}

/**
 * A question that fits `room` characters and asks the same of the index: verbatim when it fits, else
 * without its stop words (which the search ignores anyway), else cut after the last whole word.
 */
export function compactQuestion(question: string, room: number): string {
  const q = question.replace(/\s+/g, ' ').trim();
  if (q.length <= room) return q;
  const content = tokenize(q)
    .filter((t) => !isStopToken(t))
    .map((t) => t.raw)
    .join(' ');
  if (content.length <= room) return content;
  const cut = content.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut.slice(0, room);
}

/** FNV-1a (32-bit) of an article id, as `~` and 8 hex digits: short, stable across restarts. */
function articleHash(id: string): string {
  let hash = 0x811c9dc5;
  for (const char of id) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return HASHED + hash.toString(16).padStart(8, '0');
}
