/**
 * The buttons under an answer, and what clicking them shows. "More results" gives the answer's next
 * passages; "Show context" the paragraphs around the first passage shown. Both answer the clicker
 * privately, so a public answer is not buried under everyone's clicks.
 */
import { ButtonStyle, ComponentType } from 'discord.js';
import type { Engine } from '../engine/engine.ts';
import { UserError } from '../engine/errors.ts';
import { PASSAGES_PER_PAGE, QUOTES_PER_PAGE } from './render.ts';
import { isEmptyQuery } from '../render/quote-text.ts';
import type { Reply } from '../reply.ts';
import { citationOf } from '../engine/search/citation.ts';
import { decodeCustomId, encodeCustomId, refersTo } from './custom-ids.ts';
import type { ActionRow } from './respond.ts';

/** What a click on a stale or forged button gets. */
export const STALE_BUTTON_MESSAGE =
  'This button no longer works: the answer it belongs to is out of date. Ask again with /ask.';

/** The row of buttons under a reply; none for anything but an answer with passages or quotations. */
export function buttonsFor(reply: Reply): ActionRow[] {
  if (reply.type === 'quotes') return quoteButtons(reply);
  if (reply.type !== 'answer') return [];
  const { hits, question } = reply.answer;
  const first = hits[reply.offset];
  if (!first) return [];
  const next = reply.offset + PASSAGES_PER_PAGE;
  const buttons: ActionRow['components'] = [];
  if (hits.length > next) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'More results',
      custom_id: encodeCustomId({
        kind: 'more',
        offset: next,
        question,
        ...(reply.articleId === undefined ? {} : { article: reply.articleId }),
      }),
    });
  }
  buttons.push({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Show context',
    custom_id: encodeCustomId({
      kind: 'context',
      block: first.passage.blockIndex,
      article: first.passage.articleId,
    }),
  });
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

/** "More quotations" when a query's quotations do not fit one reply, and the first one's context. */
function quoteButtons(reply: Extract<Reply, { type: 'quotes' }>): ActionRow[] {
  const first = reply.quotes[reply.offset];
  if (isEmptyQuery(reply.query) || !first) return [];
  const next = reply.offset + QUOTES_PER_PAGE;
  const buttons: ActionRow['components'] = [];
  if (reply.quotes.length > next) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'More quotations',
      custom_id: encodeCustomId({ kind: 'quotes', offset: next, query: reply.query }),
    });
  }
  buttons.push({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Show context',
    custom_id: encodeCustomId({ kind: 'context', block: first.blockIndex, article: first.articleId }),
  });
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

/** The reply to a click on the button with `customId`; a UserError when the id is stale or forged. */
export function replyToButton(engine: Engine, customId: string): Reply {
  const state = decodeCustomId(customId);
  const stale = new UserError('stale-button', STALE_BUTTON_MESSAGE);
  if (!state) throw stale;
  if (state.kind === 'more') {
    const { article: reference } = state;
    const article =
      reference === undefined ? undefined : engine.articles.find((a) => refersTo(reference, a.id));
    if (reference !== undefined && !article) throw stale;
    let answer;
    try {
      answer = engine.ask(state.question, undefined, article ? { articleId: article.id } : {});
    } catch (error) {
      throw error instanceof UserError ? stale : error;
    }
    if (answer.hits.length <= state.offset) throw stale;
    return {
      type: 'answer',
      answer,
      offset: state.offset,
      ephemeral: true,
      ...(article ? { articleId: article.id } : {}),
    };
  }
  if (state.kind === 'quotes') {
    const reference = state.query.article;
    const article =
      reference === undefined ? undefined : engine.articles.find((a) => refersTo(reference, a.id));
    if (reference !== undefined && !article) throw stale;
    const query = article ? { ...state.query, article: article.id } : state.query;
    const quotes = engine.quotes.findQuotes(query).map((m) => m.quote);
    if (quotes.length <= state.offset) throw stale;
    const speakers = engine.quotes.speakers();
    return { type: 'quotes', query, quotes, speakers, offset: state.offset, ephemeral: true };
  }
  const article = engine.articles.find((a) => refersTo(state.article, a.id));
  const context = article ? engine.contextOf(article.id, state.block) : null;
  const cited = context?.blocks.find((b) => b.index === state.block);
  if (!context || !cited) throw stale;
  return {
    type: 'context',
    citation: citationOf(context.article, cited),
    blocks: context.blocks,
    focus: state.block,
    ephemeral: true,
  };
}
