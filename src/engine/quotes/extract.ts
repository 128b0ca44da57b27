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
import { keyTerms } from '../text/analysis.ts';
import { comparable } from '../corpus/article.ts';
import { citationOf } from '../search/citation.ts';
import { sentenceSpans } from '../text/sentences.ts';
import {
  SpeakerRegistry,
  describePhrase,
  isBeVerb,
  isParticiple,
  isSentenceWord,
  isSpeechVerb,
  isSpeechVerbAt,
  isVerbModifier,
  TITLE_WORDS,
  phraseAt,
  phraseBefore,
  quotePlaceholder,
  tokenizeMasked,
  type Position,
  type Speaker,
  type Token,
} from './speakers.ts';
import type { Article, Block, Quote } from '../types.ts';

export interface QuoteOptions {
  /**
   * A quotation of at most this many words counts only when its own sentence names a speaker for
   * it. Default 2: "ongoing" after "saying" is speech, a lone "peace plan" is a scare quote.
   */
  scareQuoteMaxWords: number;
  /**
   * A heading quotation that repeats no body quotation counts on its own from this many words.
   * Default 3: shorter heading quotations are labels ('peace plan'), not speech.
   */
  headingQuoteMinWords: number;
  /**
   * Share of a heading quotation's key terms that a body quotation must contain to be the one it
   * repeats, when the words are not repeated exactly. Default 0.75: headlines trim and reorder.
   */
  headingMatchShare: number;
}

/** Defaults for {@link QuoteOptions}. */
export const DEFAULT_QUOTE_OPTIONS: QuoteOptions = {
  scareQuoteMaxWords: 2,
  headingQuoteMinWords: 3,
  headingMatchShare: 0.75,
};

type MarkKind = 'double' | 'single';

/** One quotation's marks in a block's text. */
interface Span {
  /** Index of the opening mark. */
  open: number;
  contentStart: number;
  contentEnd: number;
  /** Index just after the closing mark (the text's length when it never closes). */
  close: number;
  kind: MarkKind;
  closed: boolean;
}

/** A body paragraph ready for attribution: its quotations masked out of its narrative. */
interface Paragraph {
  block: Block;
  spans: Span[];
  masked: string;
  tokens: Token[];
  /** Token index ranges [start, end) of the masked text's sentences. */
  sentences: [number, number][];
}

/** A quotation being built: one or more parts of body text, and its speaker. */
interface Found {
  block: Block;
  parts: { block: Block; span: Span }[];
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
  const primary = detectQuoteStyle(body.map((b) => b.text));
  const paragraphs = body.map((block) => prepareParagraph(block, primary));

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

/** Double quotation marks unless the body opens more quotations with single ones. */
export function detectQuoteStyle(texts: string[]): MarkKind {
  let double = 0;
  let single = 0;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const mark = classifyMark(text, i);
      if (!mark?.canOpen) continue;
      if (mark.kind === 'double') double++;
      else single++;
    }
  }
  return single > double ? 'single' : 'double';
}

interface Mark {
  kind: MarkKind;
  canOpen: boolean;
  canClose: boolean;
}

/** Shortened words written with an apostrophe in front: never an opening quotation mark. */
const ELISION = /^['‘’](em|til|cause|n['’]|\d0s|\d\ds)\b/i;

/** Whether the character at `i` is a quotation mark, and which way it can face. */
function classifyMark(text: string, i: number): Mark | null {
  const c = text[i]!;
  const prev = i > 0 ? text[i - 1]! : ' ';
  const next = i + 1 < text.length ? text[i + 1]! : ' ';
  const boundaryBefore = /[\s([{—–\-/“‘"']/.test(prev);
  const spaceAfter = /\s/.test(next);
  const letterAfter = /[\p{L}\p{N}]/u.test(next);
  switch (c) {
    case '“':
    case '„':
    case '«':
      return { kind: 'double', canOpen: true, canClose: false };
    case '”':
    case '»':
      return { kind: 'double', canOpen: false, canClose: true };
    case '"':
      return {
        kind: 'double',
        canOpen: boolOpen(boundaryBefore, spaceAfter),
        canClose: !/\s/.test(prev) || i === 0,
      };
    case '‘':
      if (ELISION.test(text.slice(i))) return null;
      return { kind: 'single', canOpen: !spaceAfter, canClose: false };
    case '’':
    case "'": {
      const canOpen = c === "'" && boundaryBefore && letterAfter && !ELISION.test(text.slice(i));
      // An apostrophe inside a word ("don't", "Kramer's") is neither.
      const canClose = !/\s/.test(prev) && i > 0 && !letterAfter;
      return canOpen || canClose ? { kind: 'single', canOpen, canClose } : null;
    }
    default:
      return null;
  }
}

function boolOpen(boundaryBefore: boolean, spaceAfter: boolean): boolean {
  return boundaryBefore && !spaceAfter;
}

/** A closing single mark after "s" with more words following may be a plural possessive ("players' union"). */
function looksLikePossessive(text: string, i: number): boolean {
  if (text[i - 1] !== 's' || !/^\s\p{Ll}/u.test(text.slice(i + 1))) return false;
  for (let j = i + 1; j < text.length; j++)
    if (classifyMark(text, j)?.canClose && text[j] !== '"') return true;
  return false;
}

/** The quotations of one block: top-level spans of the given kind (or both, for headings). */
export function scanQuotations(text: string, primary: MarkKind | 'any'): Span[] {
  const spans: Span[] = [];
  let open: { at: number; kind: MarkKind } | null = null;
  const finish = (closeAt: number, closed: boolean) => {
    const o = open!;
    const contentEnd = closed ? closeAt : trimEnd(text, closeAt);
    spans.push({
      open: o.at,
      contentStart: o.at + 1,
      contentEnd,
      close: closed ? closeAt + 1 : closeAt,
      kind: o.kind,
      closed,
    });
    open = null;
  };
  for (let i = 0; i < text.length; i++) {
    const mark = classifyMark(text, i);
    if (!mark) continue;
    if (!open) {
      if (mark.canOpen && (primary === 'any' || mark.kind === primary || mark.kind === 'single')) {
        open = { at: i, kind: mark.kind };
      }
      continue;
    }
    // A mark of the other kind is a quotation within the quotation: part of its words.
    if (mark.kind !== open.kind) continue;
    if (mark.canClose && i > open.at + 1 && !(mark.kind === 'single' && looksLikePossessive(text, i))) {
      finish(i, true);
    } else if (mark.canOpen && !mark.canClose && text[i] !== "'") {
      // A new opening mark while one is open: the earlier quotation lost its closing mark.
      finish(i, false);
      open = { at: i, kind: mark.kind };
    }
  }
  if (open) {
    const o: { at: number; kind: MarkKind } = open;
    // An unclosed single mark outside a single-quote style is far likelier an apostrophe.
    if (primary === 'any' || o.kind === primary) finish(text.length, false);
  }
  return spans.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.contentStart, s.contentEnd)));
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** Masks a paragraph's quotations and tokenizes what is left: the narrative around them. */
function prepareParagraph(block: Block, primary: MarkKind): Paragraph {
  const text = block.text;
  const spans = scanQuotations(text, primary);
  let masked = '';
  let last = 0;
  spans.forEach((span, k) => {
    // Keep a stop that ends the quotation, so the masked text still ends its sentence there.
    const stop = /[.!?…]+$/.exec(text.slice(span.contentStart, span.contentEnd).trimEnd())?.[0] ?? '';
    masked += text.slice(last, span.open) + quotePlaceholder(k) + stop;
    last = span.close;
  });
  masked += text.slice(last);
  const tokens = tokenizeMasked(masked);
  const sentences: [number, number][] = sentenceSpans(masked).map((s) => {
    const a = tokens.findIndex((t) => t.start >= s.start);
    let b = tokens.findIndex((t) => t.start >= s.end);
    if (b === -1) b = tokens.length;
    return [a === -1 ? tokens.length : a, b];
  });
  return { block, spans, masked, tokens, sentences };
}

/** Records every person and organisation the narrative names, in reading order. */
function noteMentions(p: Paragraph, registry: SpeakerRegistry): void {
  const { tokens } = p;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || !/^\p{Lu}/u.test(t.text)) continue;
    if (isSentenceWord(t) && t.lower !== 'the') continue;
    const from = i > 0 && tokens[i - 1]!.lower === 'the' ? i - 1 : i;
    const ahead = phraseAt(tokens, from);
    if (!ahead) continue;
    // Walk back too, for the lower-case words of a role: "former Mayor Victor Alvarez".
    const behind = phraseBefore(tokens, ahead[1]);
    const range: [number, number] = [Math.min(ahead[0], behind?.[0] ?? ahead[0]), ahead[1]];
    const at = { block: p.block.index, offset: tokens[range[0]]!.start };
    const mention = describePhrase(tokens, range[0], range[1], p.masked);
    if (mention && mention.kind !== 'pronoun') {
      // The owner of "X's office" is named too, for a later "he".
      const owner = tokens.slice(range[0], range[1]).findIndex((tok) => /['’]s?$/.test(tok.text));
      if (mention.kind === 'organisation' && owner > 0) {
        const ownerMention = describePhrase(tokens, range[0], range[0] + owner + 1, p.masked);
        if (ownerMention) registry.note(ownerMention, at);
      }
      registry.note(mention, at);
    }
    i = range[1] - 1;
  }
}

/**
 * The canonical speaker a phrase of the paragraph names, pronouns resolved. `role` is a role the
 * sentence gives apart from the name ("Jane Roe, a spokeswoman for the agency, said").
 */
function speakerOf(
  p: Paragraph,
  range: [number, number] | null,
  registry: SpeakerRegistry,
  role: string | null = null,
): Speaker | null {
  if (!range) return null;
  const mention = describePhrase(p.tokens, range[0], range[1], p.masked);
  if (!mention) return null;
  const at: Position = { block: p.block.index, offset: p.tokens[range[0]]!.start };
  if (mention.kind === 'pronoun') return registry.resolvePronoun(mention.antecedent, at);
  if (mention.kind === 'person' && mention.role === null && role) mention.role = role;
  return registry.note(mention, at);
}

/** The words of tokens[from, to) as written in the masked text. */
function wordsOf(p: Paragraph, from: number, to: number): string {
  return to > from ? p.masked.slice(p.tokens[from]!.start, p.tokens[to - 1]!.end) : '';
}

/**
 * An apposition giving a role: ", a former pop star turned campaigner," → "former pop star turned
 * campaigner"; ", president of Local 12," → "president of Local 12". tokens[from] is the word after
 * the comma; the apposition ends at a comma, a stop or `limit`, and its role at "who" or "which".
 */
function appositiveRole(p: Paragraph, from: number, limit: number): { role: string; end: number } | null {
  const first = p.tokens[from];
  if (!first || !(/^(a|an|the)$/.test(first.text) || isLowerTitle(first))) return null;
  const roleStart = /^(a|an|the)$/.test(first.text) ? from + 1 : from;
  let end = from + 1;
  let roleEnd = -1;
  while (end < limit && end < from + 16 && p.tokens[end]!.kind === 'word') {
    if (roleEnd < 0 && /^(who|which|that|whose)$/.test(p.tokens[end]!.lower)) roleEnd = end;
    end++;
  }
  if (end >= from + 16 || end === roleStart) return null;
  const stop = p.tokens[end];
  if (stop && stop.text !== ',' && stop.text !== '.' && end < limit) return null;
  const role = wordsOf(p, roleStart, roleEnd > roleStart ? roleEnd : end);
  return role ? { role, end } : null;
}

function isLowerTitle(t: Token): boolean {
  return t.kind === 'word' && /^\p{Ll}/u.test(t.text) && TITLE_WORDS.has(t.lower);
}

/**
 * A speaker phrase and what stands in apposition after it: the person a description names ("the
 * company's chief executive, Tomas Lindqvist") or the role a name is given ("Jane Roe, a
 * spokeswoman"). `end` is the token after the whole.
 */
function withApposition(
  p: Paragraph,
  range: [number, number],
  limit: number,
): { range: [number, number]; role: string | null; end: number } {
  const { tokens } = p;
  const plain = { range, role: null, end: range[1] };
  if (tokens[range[1]]?.text !== ',') return plain;
  const mention = describePhrase(tokens, range[0], range[1], p.masked);
  const name = phraseAt(tokens, range[1] + 1);
  if (mention?.kind === 'description' && name) {
    const named = describePhrase(tokens, name[0], name[1], p.masked);
    const after = tokens[name[1]];
    if (
      named?.kind === 'person' &&
      named.name.includes(' ') &&
      (!after || name[1] >= limit || /^[,.;]$/.test(after.text))
    ) {
      return {
        range: name,
        role: wordsOf(p, range[0], range[1]).replace(/^(the|a|an)\s+/i, ''),
        end: name[1],
      };
    }
  }
  const apposition = appositiveRole(p, range[1] + 1, limit);
  if (apposition) return { range, role: apposition.role, end: apposition.end };
  if (/^(who|whose|which)$/.test(tokens[range[1] + 1]?.lower ?? '')) {
    // "one resident, who asked not to be named, told Reuters": past the relative clause.
    const comma = tokens.findIndex((t, k) => k > range[1] + 1 && k < limit && t.text === ',');
    if (comma > 0) return { range, role: null, end: comma };
  }
  return plain;
}

/** Finds the speaker of quotation `k` of a paragraph from its own sentence. */
function attributeQuote(
  p: Paragraph,
  k: number,
  earlier: Found[],
  registry: SpeakerRegistry,
): Speaker | null {
  const { tokens } = p;
  const qi = tokens.findIndex((t) => t.quote === k);
  const [s0, s1] = p.sentences.find(([a, b]) => qi >= a && qi < b) ?? [0, tokens.length];
  const previousQuote = earlier.filter((f) => f.sentence === sentenceOf(p, qi)).at(-1);

  const after = speakerAfter(p, qi, s1, registry);
  if (after) return after;

  const before = speakerBefore(p, qi, s0, previousQuote?.speaker ?? null, registry);
  if (before !== undefined) return before;
  if (tokens[qi - 1]?.text === ':' && !previousQuote) {
    // "Keisha Morgan put it simply: '…'": a clause about its subject, then the subject's words.
    const subject = speakerOf(p, subjectOf(tokens, s0, qi), registry);
    if (subject && subject.kind !== 'description') return subject;
  }
  const according = accordingTo(tokens, s0, s1);
  if (according) {
    const full = withApposition(p, according, s1);
    return speakerOf(p, full.range, registry, full.role);
  }
  return previousQuote?.speaker ?? null;
}

/**
 * The speaker named by the nearest speech verb before token `qi` (a quotation, or the end of a
 * paragraph that ends "said:"), back to the previous quotation or the sentence start `s0`.
 * Undefined when there is no speech verb; null when there is one but no speaker can be told.
 */
function speakerBefore(
  p: Paragraph,
  qi: number,
  s0: number,
  previousSpeaker: Speaker | null,
  registry: SpeakerRegistry,
): Speaker | null | undefined {
  const { tokens } = p;
  let lo = s0;
  for (let i = qi - 1; i >= s0; i--) {
    if (tokens[i]!.kind === 'quote') {
      lo = i + 1;
      break;
    }
  }
  let v = -1;
  for (let i = qi - 1; i >= lo; i--) {
    if (isSpeechVerbAt(tokens, i)) {
      v = i;
      break;
    }
  }
  if (v < 0) return undefined;
  const inherit = () => previousSpeaker ?? speakerOf(p, subjectOf(tokens, s0, qi), registry);
  if (isParticiple(tokens[v]!)) return inherit();
  let j = v - 1;
  while (j >= s0 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j--;
  const before = tokens[j];
  if (isBeVerb(before)) return null;
  if (before && /^(and|but|or|then)$/.test(before.lower)) return inherit();
  if (before?.text === ',' || before?.lower === 'who') {
    const comma = before.text === ',' ? lastIndexOf(tokens, ',', j - 1, s0) : j - 1;
    if (comma < s0) return null;
    // "The chief executive, Mark Lloyd, said": the name between the commas, the role before.
    const inner = before.text === ',' ? phraseAt(tokens, comma + 1) : null;
    const innerMention =
      inner && inner[1] === j ? describePhrase(tokens, inner[0], inner[1], p.masked) : null;
    if (inner && innerMention?.kind === 'person') {
      const outer = phraseBefore(tokens, comma);
      return speakerOf(
        p,
        inner,
        registry,
        outer ? wordsOf(p, outer[0], outer[1]).replace(/^(the|a|an)\s+/i, '') : null,
      );
    }
    // "X, who…, called it", "X, a spokeswoman, said" and "X, following…, said": the phrase before.
    const range = phraseBefore(tokens, comma);
    return range ? speakerOf(p, range, registry, appositiveRole(p, comma + 1, j + 1)?.role ?? null) : null;
  }
  const range = phraseBefore(tokens, j + 1);
  return range ? speakerOf(p, range, registry) : null;
}

/** The speaker of a paragraph that ends by introducing a quotation ("Jane Roe said:"), or null. */
function introducedSpeaker(p: Paragraph, registry: SpeakerRegistry): Speaker | null {
  const last = p.tokens[p.tokens.length - 1];
  if (!last || last.text !== ':' || p.spans.some((span) => !span.closed)) return null;
  const [s0] = p.sentences[p.sentences.length - 1] ?? [0];
  return speakerBefore(p, p.tokens.length - 1, s0, null, registry) ?? null;
}

/**
 * Whether the sentence of token `qi` reports speech: it has a speech verb (not a passive) or
 * "according to". A short quotation there is someone's words even when they cannot be named.
 */
function isReportedSpeech(p: Paragraph, qi: number): boolean {
  const { tokens } = p;
  const [s0, s1] = p.sentences.find(([a, b]) => qi >= a && qi < b) ?? [0, tokens.length];
  for (let i = s0; i < s1; i++) {
    if (tokens[i]!.lower === 'according' && tokens[i + 1]?.lower === 'to') return true;
    if (!isSpeechVerbAt(tokens, i)) continue;
    let j = i - 1;
    while (j >= s0 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j--;
    if (!isBeVerb(tokens[j])) return true;
  }
  return false;
}

function sentenceOf(p: Paragraph, tokenIndex: number): number {
  return p.sentences.findIndex(([a, b]) => tokenIndex >= a && tokenIndex < b);
}

function lastIndexOf(tokens: Token[], text: string, from: number, lo: number): number {
  for (let i = from; i >= lo; i--) if (tokens[i]!.text === text) return i;
  return -1;
}

/** `"…," Roe said` · `"…," said Jane Roe` · `"…," according to the ministry`. */
function speakerAfter(p: Paragraph, qi: number, s1: number, registry: SpeakerRegistry): Speaker | null {
  const { tokens } = p;
  let i = qi + 1;
  // A quotation's own stop stays in the masked text: `"Why now?" asked Lisa Grant.`
  while (i < s1 && tokens[i]!.kind === 'punct' && /^[,:;—–?!.…-]$/.test(tokens[i]!.text)) i++;
  const t = tokens[i];
  if (!t || i >= s1 || t.kind !== 'word') return null;
  if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
    const range = phraseAt(tokens, i + 2);
    const full = range ? withApposition(p, range, s1) : null;
    return full ? speakerOf(p, full.range, registry, full.role) : null;
  }
  if (isSpeechVerb(t) && !isParticiple(t)) {
    // `said Jane Roe, a former pop star turned campaigner.`
    const range = phraseAt(tokens, i + 1);
    const full = range ? withApposition(p, range, s1) : null;
    return full ? speakerOf(p, full.range, registry, full.role) : null;
  }
  const range = phraseAt(tokens, i);
  if (!range) return null;
  // An apposition between speaker and verb: "Jane Roe, a spokeswoman, said".
  const full = withApposition(p, range, s1);
  let j = full.end;
  if (j > range[1] && tokens[j]?.text === ',') j++;
  else if (j > range[1]) return null;
  while (j < s1 && isVerbModifier(tokens[j]) && !isBeVerb(tokens[j])) j++;
  return j < s1 && isSpeechVerbAt(tokens, j) && !isParticiple(tokens[j]!)
    ? speakerOf(p, full.range, registry, full.role)
    : null;
}

/** "according to X" anywhere in the sentence's narrative. */
function accordingTo(tokens: Token[], s0: number, s1: number): [number, number] | null {
  for (let i = s0; i < s1 - 2; i++) {
    if (tokens[i]!.lower === 'according' && tokens[i + 1]!.lower === 'to') return phraseAt(tokens, i + 2);
  }
  return null;
}

/** The subject of a sentence's main clause, after any opening phrase ("In January, …"). */
function subjectOf(tokens: Token[], s0: number, limit: number): [number, number] | null {
  let i = s0;
  while (i < limit && /^(but|and|yet|so)$/.test(tokens[i]!.lower)) i++;
  const first = tokens[i];
  if (!first || first.kind !== 'word') return null;
  const opener =
    (isSentenceWord(first) && !/^(the|a|an)$/.test(first.lower)) ||
    /^\p{Lu}\p{Ll}+(ed|ing)$/u.test(first.text);
  if (opener) {
    const comma = tokens.findIndex((t, k) => k > i && k < limit && t.text === ',');
    if (comma === -1) return null;
    i = comma + 1;
  }
  return phraseAt(tokens, i);
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

/** Words only, for comparing a heading's quotation with the body's. */
const bare = (text: string) =>
  comparable(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Links each heading quotation to the body quotation it repeats; one that repeats none and is long
 * enough to be speech becomes a quotation of its own, in reading order.
 */
function linkHeadingQuotations(
  article: Article,
  quotes: Quote[],
  registry: SpeakerRegistry,
  opts: QuoteOptions,
): Quote[] {
  const headings = article.blocks.filter(
    (b) => b.kind === 'headline' || b.kind === 'standfirst' || b.kind === 'subheading',
  );
  const own: Quote[] = [];
  for (const block of headings) {
    const p = maskedOf(block, scanQuotations(block.text, 'any'));
    for (const [k, span] of p.spans.entries()) {
      const text = block.text
        .slice(span.contentStart, span.contentEnd)
        .replace(/[\s,;:]+$/, '')
        .trim();
      const target = repeatedQuote(text, quotes, opts);
      if (target) {
        (target.alsoIn ??= []).push(citationOf(article, block));
        continue;
      }
      const wordCount = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
      if (wordCount < opts.headingQuoteMinWords) continue;
      const speaker = attributeQuote(p, k, [], registry);
      own.push({
        text,
        // Headlines capitalise every word: only a person the body names is taken as the speaker.
        speaker: speaker?.kind === 'person' ? speaker.name : null,
        role: speaker?.kind === 'person' ? speaker.role : null,
        citation: citationOf(article, block),
        articleId: article.id,
        blockIndex: block.index,
      });
    }
  }
  return [...quotes, ...own].sort((a, b) => a.blockIndex - b.blockIndex);
}

function maskedOf(block: Block, spans: Span[]): Paragraph {
  let masked = '';
  let last = 0;
  spans.forEach((span, k) => {
    masked += block.text.slice(last, span.open) + quotePlaceholder(k);
    last = span.close;
  });
  masked += block.text.slice(last);
  const tokens = tokenizeMasked(masked);
  return { block, spans, masked, tokens, sentences: [[0, tokens.length]] };
}

/** The body quotation a heading's quotation repeats: containing its words, or most of its terms. */
function repeatedQuote(text: string, quotes: Quote[], opts: QuoteOptions): Quote | null {
  const words = bare(text);
  if (!words) return null;
  // A heading's word or two in quotation marks is a label unless a body quotation is just that.
  if (words.split(' ').length <= opts.scareQuoteMaxWords)
    return quotes.find((q) => bare(q.text) === words) ?? null;
  const exact = quotes.find((q) => bare(q.text).includes(words));
  if (exact) return exact;
  const terms = keyTerms(text);
  if (terms.length < 2) return null;
  let best: Quote | null = null;
  let bestShare = 0;
  for (const q of quotes) {
    const have = new Set(keyTerms(q.text));
    const share = terms.filter((t) => have.has(t)).length / terms.length;
    if (share > bestShare) {
      best = q;
      bestShare = share;
    }
  }
  return bestShare >= opts.headingMatchShare ? best : null;
}
