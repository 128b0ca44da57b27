/**
 * A block's narrative: its text with every quotation replaced by a placeholder, split into tokens
 * and sentences, so that names inside quotations never count as speakers or as the "last person
 * named".
 */
import { sentenceSpans } from '../text/sentences.ts';
import { findQuotations, type QuoteMarkKind, type QuoteSpan } from '../text/quote-marks.ts';
import type { Block } from '../types.ts';

/** A token of masked narrative text. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'quote';
  /** For a quote placeholder, the number it carries. */
  quote?: number;
}

const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';

/** The stand-in for quotation `n` in masked text: private-use characters no article contains. */
function quotePlaceholder(n: number): string {
  return `${PLACEHOLDER_OPEN}${n}${PLACEHOLDER_CLOSE}`;
}

const TOKEN =
  /\uE000(\d+)\uE001|\p{L}[\p{L}\p{M}\p{N}]*(?:[’'‑-]\p{L}[\p{L}\p{M}\p{N}]*)*(?:[’']s?(?![\p{L}]))?|\p{N}[\p{N},.]*|[^\s\p{L}\p{N}]/gu;

/** Splits masked text into words, punctuation and quotation placeholders. */
function tokenizeMasked(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      out.push({ text: m[0], lower: '', start, end, kind: 'quote', quote: Number(m[1]) });
    } else {
      const kind = /^[\p{L}\p{N}]/u.test(m[0]) ? 'word' : 'punct';
      out.push({ text: m[0], lower: m[0].toLowerCase().replace(/’/g, "'"), start, end, kind });
    }
  }
  return out;
}

/** A block ready for attribution: its quotations masked out of its narrative. */
export interface Paragraph {
  block: Block;
  spans: QuoteSpan[];
  masked: string;
  tokens: Token[];
  /** Token index ranges [start, end) of the masked text's sentences. */
  sentences: [number, number][];
}

/**
 * Masks a body paragraph's quotations (marks of the body's `style`) and tokenizes what is left: the
 * narrative around them, split into sentences.
 */
export function maskParagraph(block: Block, style: QuoteMarkKind): Paragraph {
  const text = block.text;
  const spans = findQuotations(text, style);
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

/**
 * Masks a heading's quotations, in marks of either kind (headings follow no body's style), and
 * tokenizes what is left as one sentence: headings have no stops to split on.
 */
export function maskHeading(block: Block): Paragraph {
  const spans = findQuotations(block.text, 'any');
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

/** The index of the sentence of `p` that token `tokenIndex` stands in; -1 if none. */
export function sentenceOf(p: Paragraph, tokenIndex: number): number {
  return p.sentences.findIndex(([a, b]) => tokenIndex >= a && tokenIndex < b);
}
