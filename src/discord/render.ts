/**
 * Renders replies as Discord message payloads (plain API JSON). Limits and mention safety are
 * enforced afterwards, for every payload, by the one respond function.
 */
import { escapeMarkdown, MessageFlags, type APIEmbed } from 'discord.js';
import { escapeUserText } from './respond.ts';
import type {
  AnswerReply,
  ArticleReply,
  ArticlesReply,
  ContextReply,
  QuotesReply,
  Reply,
  SummaryReply,
} from '../reply.ts';
import {
  ARTICLES_PER_PAGE,
  cardFacts,
  cardHeading,
  listLine,
  suggestedCommand,
} from '../render/article-card.ts';
import type { PassageHit } from '../engine/types.ts';
import { formatCitation, formatDate, formatPlace, shorten } from '../render/citation.ts';
import {
  UNATTRIBUTED,
  describeQuery,
  isEmptyQuery,
  noQuotation,
  speakerLabel,
  speakerLine,
} from '../render/quote-text.ts';
import { doesNotSay, summaryDoesNotSay } from '../render/messages.ts';
import { sentenceLink } from '../render/source-link.ts';

/** A reply payload before limits are enforced. */
export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
}

/** How many passages one answer shows: the best in full, the next ones shortened. */
export const PASSAGES_PER_PAGE = 3;
/** How many quotations one reply shows; the rest are paged. */
export const QUOTES_PER_PAGE = 5;
/** Length of a quotation in a field: within Discord's 1,024-character field value. */
const SHORT_QUOTE = 700;
/** How many speakers the speaker list shows. */
const SPEAKERS_SHOWN = 25;
/** Length of a shortened passage in a field. */
const SHORT_PASSAGE = 350;

/** Embed colours: answered, not answered. */
const COLOR_ANSWER = 0x2b6cb0;
const COLOR_NO_ANSWER = 0x718096;

export function renderDiscord(reply: Reply): DiscordPayload {
  const payload = payloadOf(reply);
  return reply.ephemeral ? { ...payload, flags: MessageFlags.Ephemeral } : payload;
}

function payloadOf(reply: Reply): DiscordPayload {
  switch (reply.type) {
    case 'answer':
      return renderAnswer(reply);
    case 'quotes':
      return renderQuotes(reply);
    case 'context':
      return renderContext(reply);
    case 'summary':
      return renderSummary(reply);
    case 'notice':
      return { content: escapeMarkdown(reply.text) };
    case 'article':
      return renderArticleCard(reply);
    case 'articles':
      return renderArticleList(reply);
  }
}

/** The card of an added (or present, or removed) article: its facts, its link, and a first question. */
function renderArticleCard(reply: ArticleReply): DiscordPayload {
  const { article } = reply;
  return {
    embeds: [
      {
        author: { name: cardHeading(reply) },
        title: escapeMarkdown(shorten(article.title, 256)),
        ...(article.url ? { url: article.url } : {}),
        color: reply.status === 'removed' ? COLOR_NO_ANSWER : COLOR_ANSWER,
        fields: [
          ...cardFacts(article).map(([name, value]) => ({
            name,
            value: escapeMarkdown(value),
            inline: true,
          })),
          ...(article.url ? [{ name: 'Link', value: article.url }] : []),
          ...(reply.suggestion
            ? [
                {
                  name: 'Try',
                  value: `\`${suggestedCommand(reply.suggestion, article).replace(/`/g, "'")}\``,
                },
              ]
            : []),
        ],
      },
    ],
  };
}

function renderArticleList(reply: ArticlesReply): DiscordPayload {
  if (reply.total === 0) {
    return { content: 'No articles have been added to this server yet. Add one with `/article add`.' };
  }
  const lines = reply.articles.map(
    (a, i) => `${(reply.page - 1) * ARTICLES_PER_PAGE + i + 1}. ${escapeMarkdown(listLine(a))}`,
  );
  return {
    embeds: [
      {
        title: "This server's articles",
        description: lines.join('\n'),
        color: COLOR_ANSWER,
        footer: {
          text: `Page ${reply.page} of ${reply.pages} · ${reply.total} articles, newest added first`,
        },
      },
    ],
  };
}

function renderAnswer(reply: AnswerReply): DiscordPayload {
  const { answer } = reply;
  // The question is the user's own text: it must not format, mention or break the embed.
  const title = escapeUserText(answer.question);
  const shown = answer.hits.slice(reply.offset, reply.offset + PASSAGES_PER_PAGE);
  const [best, ...rest] = shown;
  if (!best) {
    return {
      embeds: [
        {
          title,
          description: doesNotSay(answer.unknownTerms.map((t) => escapeMarkdown(t))),
          color: COLOR_NO_ANSWER,
        },
      ],
    };
  }
  return {
    embeds: [
      {
        title,
        // The title links to the best passage's article, when it has a URL.
        ...(best.passage.url ? { url: best.passage.url } : {}),
        description: `${highlight(best, Infinity)}\n-# ${citationLine(best)}${readInArticle(best)}`,
        color: COLOR_ANSWER,
        fields: rest.map((hit) => ({
          name: formatCitation(hit.passage.citation),
          value: `${highlight(hit, SHORT_PASSAGE)}\n-# ${escapeMarkdown(hit.passage.citation.article)}${readInArticle(hit)}`,
        })),
      },
    ],
  };
}

/** " · [Read in the article](…#:~:text=…)": a link that scrolls to the cited sentence; empty without a URL. */
function readInArticle(hit: PassageHit): string {
  if (!hit.passage.url) return '';
  const link = sentenceLink(hit.passage.url, hit.answer).replace(/\(/g, '%28').replace(/\)/g, '%29');
  return ` · [Read in the article](${link})`;
}

function renderQuotes(reply: QuotesReply): DiscordPayload {
  // The query is the user's own text: it must not format, mention or break the embed.
  const title = escapeUserText(describeQuery(reply.query));
  if (isEmptyQuery(reply.query)) {
    const unattributed = reply.quotes.filter((q) => q.speaker === null).length;
    const lines = reply.speakers.slice(0, SPEAKERS_SHOWN).map((s) => `• ${escapeMarkdown(speakerLine(s))}`);
    if (unattributed > 0) lines.push(`-# ${UNATTRIBUTED}: ${unattributed}`);
    const description = lines.length ? lines.join('\n') : 'The articles quote no one directly.';
    return { embeds: [{ title, description, color: COLOR_ANSWER }] };
  }
  if (reply.quotes.length === 0) {
    return {
      embeds: [{ title, description: escapeUserText(noQuotation(reply.query)), color: COLOR_NO_ANSWER }],
    };
  }
  const shown = reply.quotes.slice(reply.offset, reply.offset + QUOTES_PER_PAGE);
  const last = reply.offset + shown.length;
  return {
    embeds: [
      {
        title,
        color: COLOR_ANSWER,
        fields: shown.map((q) => ({
          name: shorten(speakerLabel(q), 250),
          value: `“${escapeMarkdown(shorten(q.text, SHORT_QUOTE))}”\n-# *${escapeMarkdown(q.citation.article)}* · ${formatCitation(q.citation)}`,
        })),
        ...(reply.quotes.length > shown.length
          ? { footer: { text: `${reply.offset + 1}–${last} of ${reply.quotes.length}` } }
          : {}),
      },
    ],
  };
}

function renderContext(reply: ContextReply): DiscordPayload {
  const paragraphs = reply.blocks.map((block) => {
    const text = escapeMarkdown(block.text);
    if (block.index === reply.focus) return `**${text}**`;
    return block.kind === 'subheading' ? `__${text}__` : text;
  });
  return {
    embeds: [
      {
        title: escapeMarkdown(reply.citation.article),
        description: paragraphs.join('\n\n'),
        color: COLOR_ANSWER,
        footer: { text: `Context of ${formatCitation(reply.citation)}` },
      },
    ],
  };
}

function renderSummary(reply: SummaryReply): DiscordPayload {
  const { summary } = reply;
  const title = summary.focus
    ? `${escapeMarkdown(summary.title)} — on ${escapeUserText(summary.focus)}`
    : escapeMarkdown(summary.title);
  const [first] = summary.sentences;
  if (!first) {
    const notSaid = summary.focus
      ? `The article doesn't say anything about ${escapeUserText(summary.focus)}.`
      : escapeMarkdown(summaryDoesNotSay(reply));
    return { embeds: [{ title, description: notSaid, color: COLOR_NO_ANSWER }] };
  }
  return {
    embeds: [
      {
        title,
        description: summaryText(reply),
        color: COLOR_ANSWER,
        footer: {
          text: `${first.citation.publisher ?? 'unknown publisher'} · ${formatDate(first.citation.published)} · ${reply.length} summary`,
        },
      },
    ],
  };
}

/**
 * A summary's sentences, each with its paragraph (a link to the sentence online when the article has
 * a URL): a few short paragraphs, or for a long summary a bullet list, which reads better at length.
 */
function summaryText(reply: SummaryReply): string {
  const lines = reply.summary.sentences.map((s) => {
    const place = formatPlace(s.citation);
    return `${escapeMarkdown(s.text)} *(${s.link ? `[${place}](${s.link})` : place})*`;
  });
  return reply.length === 'long' ? lines.map((l) => `- ${l}`).join('\n') : lines.join('\n\n');
}

function citationLine(hit: PassageHit): string {
  return `*${escapeMarkdown(hit.passage.citation.article)}* · ${formatCitation(hit.passage.citation)}`;
}

/** The passage with its answer sentence in bold, shortened around the sentence if need be. */
function highlight(hit: PassageHit, max: number): string {
  const { text } = hit.passage;
  const at = text.indexOf(hit.answer);
  if (at < 0) return escapeMarkdown(shorten(text, max));
  const sentence = `**${escapeMarkdown(hit.answer)}**`;
  if (text.length <= max) {
    return `${escapeMarkdown(text.slice(0, at))}${sentence}${escapeMarkdown(text.slice(at + hit.answer.length))}`;
  }
  const room = Math.max(0, max - hit.answer.length);
  const before = at > 0 ? `… ` : '';
  const after = text.slice(at + hit.answer.length).trim();
  return `${before}${sentence}${after && room > 40 ? ` ${escapeMarkdown(shorten(after, room))}` : after ? ' …' : ''}`;
}
