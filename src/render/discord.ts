/**
 * Renders replies as Discord message payloads (plain API JSON). Limits and mention safety are
 * enforced afterwards, for every payload, by the one respond function.
 */
import { escapeMarkdown, MessageFlags, type APIEmbed } from 'discord.js';
import { escapeUserText } from '../discord/respond.ts';
import type { AnswerReply, ContextReply, Reply, SummaryReply } from '../reply.ts';
import type { PassageHit } from '../types.ts';
import { formatCitation, formatDate, formatPlace, shorten } from './citation.ts';
import { doesNotSay, summaryDoesNotSay } from './terminal.ts';

/** A reply payload before limits are enforced. */
export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
}

/** How many passages one answer shows: the best in full, the next ones shortened. */
export const PASSAGES_PER_PAGE = 3;
/** Length of a shortened passage in a field. */
const SHORT_PASSAGE = 350;

/** Embed colours: answered, not answered. */
const COLOR_ANSWER = 0x2b6cb0;
const COLOR_NO_ANSWER = 0x718096;

export function renderDiscord(reply: Reply): DiscordPayload {
  const payload =
    reply.type === 'answer'
      ? renderAnswer(reply)
      : reply.type === 'context'
        ? renderContext(reply)
        : reply.type === 'summary'
          ? renderSummary(reply)
          : { content: escapeMarkdown(reply.text) };
  return reply.ephemeral ? { ...payload, flags: MessageFlags.Ephemeral } : payload;
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
        description: `${highlight(best, Infinity)}\n-# ${citationLine(best)}`,
        color: COLOR_ANSWER,
        fields: rest.map((hit) => ({
          name: formatCitation(hit.passage.citation),
          value: `${highlight(hit, SHORT_PASSAGE)}\n-# ${escapeMarkdown(hit.passage.citation.article)}`,
        })),
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
        description: summary.sentences
          .map((s) => `${escapeMarkdown(s.text)} *(${formatPlace(s.citation)})*`)
          .join('\n\n'),
        color: COLOR_ANSWER,
        footer: {
          text: `${first.citation.publisher ?? 'unknown publisher'} · ${formatDate(first.citation.published)} · ${reply.length} summary`,
        },
      },
    ],
  };
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
