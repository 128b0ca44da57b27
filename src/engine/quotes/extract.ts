/**
 * Direct quotations in news articles and who said them.
 *
 * Conventions followed (each is general English news practice, none is one publisher's):
 * - Curly and straight quotation marks, double or single. An article's body uses one kind for
 *   quotations (double in US and most British body copy, single in some British house styles); the
 *   other kind inside a quotation is a quotation within it and stays part of its words.
 * - A quotation interrupted only by its attribution ("It costs more up front," she said, "but it
 *   keeps…") is ONE quotation: one speaker said one stretch of words, and a reader looking up a
 *   remembered phrase should find it whole. Its parts are joined by a space. When the words between
 *   the parts do more than attribute ("he adds, calling …", "and said, …"), the parts are separate.
 * - A paragraph that opens a quotation without closing it, followed by one that opens again, is one
 *   quotation running on: its parts are joined by a space, cited at the paragraph where it opens.
 *   Without the reopening mark the quotation ends with its paragraph (a missing closing mark).
 * - Quotations of a word or two that no speaker is named for in their sentence are scare quotes or
 *   titles, not speech ("the so-called 'peace plan'"): dropped. So are quotations after "so-called",
 *   "the term", "known as"…, and short Title Case quotations with no speaker (titles of works).
 * - Quotations in the headline, standfirst and subheadings repeat the body's: they are linked to the
 *   body quotation they repeat ({@link Quote.alsoIn}) and never counted twice. One that repeats none
 *   counts on its own when it is long enough to be speech. Captions yield no quotations.
 */
import { citationOf } from '../search/citation.ts';
import { detectQuoteStyle, type QuoteSpan } from '../text/quote-marks.ts';
import type { Article, Block, Quote } from '../types.ts';
import { attributeQuote, introducedSpeaker, isReportedSpeech, noteMentions } from './attribution.ts';
import { linkHeadingQuotations } from './headings.ts';
import { maskParagraph, sentenceOf, type Paragraph } from './narrative.ts';
import { DEFAULT_QUOTE_OPTIONS, type QuoteOptions } from './options.ts';
import { phraseAt } from './phrases.ts';
import { SpeakerRegistry, type Speaker } from './speakers.ts';
import { isParticiple, isSpeechVerb, isVerbModifier } from './words.ts';

/** A quotation being built: one or more parts of body text, and its speaker. */
interface Found {
  block: Block;
  parts: { block: Block; span: QuoteSpan }[];
  paragraph: Paragraph;
  /** Index of the span in its paragraph. */
  spanIndex: number;
  sentence: number;
  speaker: Speaker | null;
  /** The quotation's own sentence reports speech (a speech verb, "according to"), named or not. */
  reported: boolean;
}

/** Every direct quotation in an article's body, in reading order, with its speaker. */
export function extractQuotes(article: Article, options: Partial<QuoteOptions> = {}): Quote[] {
  const opts = { ...DEFAULT_QUOTE_OPTIONS, ...options };
  const body = article.blocks.filter((b) => b.kind === 'paragraph');
  const style = detectQuoteStyle(body.map((b) => b.text));
  const paragraphs = body.map((block) => maskParagraph(block, style));

  const registry = new SpeakerRegistry();
  for (const p of paragraphs) noteMentions(p, registry);

  const found: Found[] = [];
  // The quotation the previous paragraph left open, which this one may reopen.
  let runningOn: Found | null = null;
  let previous: Paragraph | null = null;
  for (const p of paragraphs) {
    const items: Found[] = [];
    p.spans.forEach((span, k) => {
      const qi = p.tokens.findIndex((t) => t.quote === k);
      const speaker = attributeQuote(p, k, items, registry);
      items.push({
        block: p.block,
        parts: [{ block: p.block, span }],
        paragraph: p,
        spanIndex: k,
        sentence: sentenceOf(p, qi),
        speaker,
        reported: speaker !== null || isReportedSpeech(p, qi),
      });
    });
    const opening = items[0];
    if (opening && !opening.speaker && opening.parts[0]!.span.open === 0 && previous) {
      // A paragraph ending "…, said:" introduces the quotation that opens the next one.
      opening.speaker = introducedSpeaker(previous, registry);
      opening.reported ||= opening.speaker !== null;
    }
    shareSpeakersWithinSentences(items);
    carrySpeakerToBareQuotations(items);
    previous = p;
    const first = items[0];
    const firstSpan = first?.parts[0]!.span;
    if (runningOn && first && firstSpan!.open === 0 && firstSpan!.kind === runningOn.parts[0]!.span.kind) {
      runningOn.parts.push(first.parts[0]!);
      if (!runningOn.speaker) {
        runningOn.speaker = first.speaker;
        runningOn.reported = first.reported;
      }
      items.shift();
    }
    const joined = joinInterrupted(items);
    found.push(...joined);
    const lastSpan = p.spans[p.spans.length - 1];
    runningOn = lastSpan && !lastSpan.closed ? (joined[joined.length - 1] ?? runningOn) : null;
  }

  const quotes = found.filter((f) => isSpeech(f, opts)).map((f) => toQuote(article, f));
  return linkHeadingQuotations(article, quotes, registry, opts);
}

/** Quotations of one sentence with no speaker of their own take the sentence's speaker. */
function shareSpeakersWithinSentences(items: Found[]): void {
  for (const item of items) {
    if (item.speaker) continue;
    const sameSentence = items.filter((o) => o.sentence === item.sentence && o.speaker);
    const nearest = sameSentence.sort(
      (a, b) => Math.abs(a.spanIndex - item.spanIndex) - Math.abs(b.spanIndex - item.spanIndex),
    )[0];
    if (nearest) {
      item.speaker = nearest.speaker;
      item.reported = true;
    }
  }
}

/**
 * A sentence that is nothing but a quotation continues the speaker of the quotation just before it
 * in the same paragraph (`"We won," she said. "Now we rebuild."`).
 */
function carrySpeakerToBareQuotations(items: Found[]): void {
  for (let n = 1; n < items.length; n++) {
    const item = items[n]!;
    if (item.speaker) continue;
    const p = item.paragraph;
    const [a, b] = p.sentences[item.sentence] ?? [0, 0];
    const bare = p.tokens.slice(a, b).every((t) => t.kind !== 'word');
    const previous = items[n - 1]!;
    if (bare && previous.speaker && previous.sentence === item.sentence - 1) item.speaker = previous.speaker;
  }
}

/** Joins the parts of a quotation interrupted only by its attribution. */
function joinInterrupted(items: Found[]): Found[] {
  const out: Found[] = [];
  for (const item of items) {
    const previous = out[out.length - 1];
    if (
      previous &&
      item.parts.length === 1 &&
      previous.parts.length === 1 &&
      previous.parts[0]!.span.closed &&
      previous.paragraph === item.paragraph &&
      previous.parts[0]!.span.kind === item.parts[0]!.span.kind &&
      (!item.speaker || item.speaker.name === previous.speaker?.name) &&
      resumesSentence(item) &&
      isAttributionOnly(item.paragraph, previous.spanIndex, item.spanIndex)
    ) {
      previous.parts.push(item.parts[0]!);
      continue;
    }
    out.push(item);
  }
  return out;
}

/** The quotation goes on with the same sentence: its first word is not capitalised. */
function resumesSentence(f: Found): boolean {
  const { block, span } = f.parts[0]!;
  return /^[^\p{L}]*\p{Ll}/u.test(block.text.slice(span.contentStart, span.contentEnd));
}

/** The narrative between two quotations is nothing but "she said" / "said Jane Roe". */
function isAttributionOnly(p: Paragraph, k1: number, k2: number): boolean {
  const { tokens } = p;
  const a = tokens.findIndex((t) => t.quote === k1);
  const b = tokens.findIndex((t) => t.quote === k2);
  const gap = tokens.slice(a + 1, b).filter((t) => t.kind === 'word');
  if (gap.length === 0 || gap.length > 8) return false;
  if (tokens.slice(a + 1, b).some((t) => t.kind === 'punct' && !/^[,.:;—–-]$/.test(t.text))) return false;
  const words = tokens.slice(a + 1, b).filter((t) => t.kind === 'word');
  const verbAt = words.findIndex((t) => isSpeechVerb(t));
  if (verbAt === -1 || isParticiple(words[verbAt]!)) return false;
  if (words.filter((t) => isSpeechVerb(t)).length > 1) return false;
  const rest = [...words.slice(0, verbAt), ...words.slice(verbAt + 1)].filter((t) => !isVerbModifier(t));
  if (rest.length === 0) return false;
  const first = tokens.indexOf(rest[0]!);
  const range = phraseAt(tokens, first);
  return (
    range !== null && tokens.slice(range[0], range[1]).filter((t) => t.kind === 'word').length === rest.length
  );
}

/** Words before a quotation that make it a term held at arm's length, not speech. */
const SCARE_LEAD =
  /\b(so-called|so called|the (word|words|term|phrase|label|slogan|hashtag)|known as|headlined)\s*$/i;
/** Words right before a short quotation that make it a name: a product, an operation, a book. */
const NAMING_LEAD =
  /\b(called|named|code-?named|nicknamed|dubbed|titled|entitled|branded as|marketed as)\s*,?\s*$/i;
/** Names are short; a longer quotation after "called" is speech ("called the plan “a gift to…”"). */
const NAME_MAX_WORDS = 6;

/** Whether a found quotation is speech rather than a scare quote or a title. */
function isSpeech(f: Found, opts: QuoteOptions): boolean {
  const first = f.parts[0]!;
  const text = partsText(f);
  const wordCount = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const lead = first.block.text.slice(Math.max(0, first.span.open - 40), first.span.open);
  if (SCARE_LEAD.test(lead)) return false;
  if (wordCount <= NAME_MAX_WORDS && NAMING_LEAD.test(lead)) return false;
  if (wordCount <= opts.scareQuoteMaxWords && !f.reported) return false;
  if (!f.speaker && wordCount <= 8 && isTitleCase(text)) return false;
  return true;
}

/** "Gone With the Wind": every word capitalised but the small ones, and no stop at the end. */
function isTitleCase(text: string): boolean {
  if (/[.!?…,]$/.test(text)) return false;
  const ws = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return (
    ws.length > 0 &&
    ws.every((w) => /^\p{Lu}/u.test(w) || /^(a|an|the|of|in|on|and|or|to|for|with|at|by)$/.test(w))
  );
}

function partsText(f: Found): string {
  return f.parts
    .map(({ block, span }) => block.text.slice(span.contentStart, span.contentEnd).trim())
    .join(' ')
    .replace(/[\s,;:]+$/, '')
    .trim();
}

function toQuote(article: Article, f: Found): Quote {
  return {
    text: partsText(f),
    speaker: f.speaker?.name ?? null,
    role: f.speaker?.role ?? null,
    citation: citationOf(article, f.block),
    articleId: article.id,
    blockIndex: f.block.index,
  };
}
