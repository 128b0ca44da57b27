/** Renders replies as plain terminal text (ANSI bold for the answer sentence when colour is on). */
import type { AnswerReply, QuotesReply, Reply, SummaryReply } from '../reply.ts';
import type { PassageHit } from '../engine/types.ts';
import { formatCitation, formatDate, formatPlace } from '../render/citation.ts';
import { doesNotSay, summaryDoesNotSay } from '../render/messages.ts';
import {
  ARTICLES_PER_PAGE,
  cardFacts,
  cardHeading,
  listLine,
  suggestedCommand,
} from '../render/article-card.ts';
import {
  UNATTRIBUTED,
  describeQuery,
  isEmptyQuery,
  noQuotation,
  speakerLabel,
  speakerLine,
} from '../render/quote-text.ts';

export interface TerminalStyle {
  /** Use ANSI bold and dim; off when output is not a terminal. */
  color: boolean;
  /** Wrap width in columns. */
  width: number;
}

const PLAIN: TerminalStyle = { color: false, width: 100 };

export function renderTerminal(reply: Reply, style: TerminalStyle = PLAIN): string {
  switch (reply.type) {
    case 'answer':
      return renderAnswer(reply, style);
    case 'quotes':
      return renderQuotes(reply, style);
    case 'summary':
      return renderSummary(reply, style);
    case 'notice':
      return reply.text;
    case 'article':
      return [
        `${cardHeading(reply)}: ${reply.article.title}`,
        ...cardFacts(reply.article).map(([label, value]) => `  ${label}: ${value}`),
        ...(reply.article.url ? [`  Link: ${reply.article.url}`] : []),
        ...(reply.suggestion ? [`Try: ${suggestedCommand(reply.suggestion, reply.article)}`] : []),
      ].join('\n');
    case 'articles':
      if (reply.total === 0) return 'No articles have been added here yet. Add one with /article add.';
      return [
        ...reply.articles.map((a, i) => `${(reply.page - 1) * ARTICLES_PER_PAGE + i + 1}. ${listLine(a)}`),
        dim(`Page ${reply.page} of ${reply.pages} · ${reply.total} articles`, style),
      ].join('\n');
    case 'context':
      return [
        ...reply.blocks.map((b) =>
          wrap(b.index === reply.focus ? emphasize(b.text, style) : b.text, style.width, ''),
        ),
        dim(`— ${reply.citation.article} · ${formatCitation(reply.citation)}`, style),
      ].join('\n\n');
  }
}

function renderAnswer(reply: AnswerReply, style: TerminalStyle): string {
  const { answer } = reply;
  if (answer.hits.length === 0) return doesNotSay(answer.unknownTerms);
  const lines: string[] = [];
  answer.hits.slice(reply.offset).forEach((hit, i) => {
    lines.push(`${i + reply.offset + 1}. ${wrap(highlight(hit, style), style.width, '   ').trimStart()}`);
    lines.push(
      `   ${dim(`— ${hit.passage.citation.article} · ${formatCitation(hit.passage.citation)}`, style)}`,
    );
    lines.push('');
  });
  return lines.join('\n').trimEnd();
}

function renderQuotes(reply: QuotesReply, style: TerminalStyle): string {
  if (isEmptyQuery(reply.query)) {
    const unattributed = reply.quotes.filter((q) => q.speaker === null).length;
    const lines = reply.speakers.map((s) => `  ${speakerLine(s)}`);
    if (unattributed > 0) lines.push(`  ${dim(`${UNATTRIBUTED}: ${unattributed}`, style)}`);
    return [`${describeQuery(reply.query)} (${reply.quotes.length} quotations):`, ...lines].join('\n');
  }
  if (reply.quotes.length === 0) return noQuotation(reply.query);
  const lines = [`${describeQuery(reply.query)}:`, ''];
  reply.quotes.slice(reply.offset).forEach((q, i) => {
    lines.push(`${i + reply.offset + 1}. ${wrap(`“${q.text}”`, style.width, '   ').trimStart()}`);
    lines.push(`   — ${speakerLabel(q)}`);
    lines.push(`   ${dim(`${q.citation.article} · ${formatCitation(q.citation)}`, style)}`);
    lines.push('');
  });
  return lines.join('\n').trimEnd();
}

function renderSummary(reply: SummaryReply, style: TerminalStyle): string {
  const { summary } = reply;
  const [first] = summary.sentences;
  if (!first) return summaryDoesNotSay(reply);
  const heading = summary.focus
    ? `What “${summary.title}” says about ${summary.focus}:`
    : `Summary of “${summary.title}” (${reply.length}):`;
  const lines = [heading, ''];
  // A long summary reads better as a list; shorter ones as a few paragraphs.
  const bullet = reply.length === 'long' ? '• ' : '';
  for (const s of summary.sentences)
    lines.push(wrap(`${bullet}${s.text} ${dim(`(${formatPlace(s.citation)})`, style)}`, style.width, '  '));
  lines.push(
    '',
    dim(
      `— ${first.citation.publisher ?? 'unknown publisher'} · ${formatDate(first.citation.published)}`,
      style,
    ),
  );
  return lines.join('\n');
}

function highlight(hit: PassageHit, style: TerminalStyle): string {
  const { text } = hit.passage;
  const at = text.indexOf(hit.answer);
  if (at < 0) return text;
  const [open, close] = style.color ? ['\x1b[1m', '\x1b[22m'] : ['»', '«'];
  return `${text.slice(0, at)}${open}${hit.answer}${close}${text.slice(at + hit.answer.length)}`;
}

/** The cited block of a context: bold on a terminal, between »guillemets« otherwise. */
function emphasize(text: string, style: TerminalStyle): string {
  return style.color ? `\x1b[1m${text}\x1b[22m` : `»${text}«`;
}

function dim(text: string, style: TerminalStyle): string {
  return style.color ? `\x1b[2m${text}\x1b[22m` : text;
}

/** Wraps at word boundaries; ANSI codes are not counted. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const visible = stripAnsi(`${line} ${word}`).length;
    if (line && visible > width - indent.length) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
