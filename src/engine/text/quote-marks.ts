/**
 * Quotation marks in English news text: the one scanner that finds where quotations open and close.
 * The quotation extractor and the summariser both read quotations through it, so they agree on what
 * is quoted.
 *
 * Curly marks say which way they face; a straight mark, or a single curly mark that doubles as an
 * apostrophe, is told by what stands either side of it. An article's body quotes with one kind of
 * mark (double in US and most British copy, single in some British house styles); the other kind
 * inside a quotation is a quotation within it and stays part of its words.
 */

/** Which kind of quotation mark: “double” or ‘single’. */
export type QuoteMarkKind = 'double' | 'single';

/** One quotation in a text: where its marks and its words stand. */
export interface QuoteSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index of the first character inside the marks. */
  contentStart: number;
  /** Index just after the last character of the quotation's words. */
  contentEnd: number;
  /** Index just after the closing mark (where the quotation stops when it never closes). */
  close: number;
  kind: QuoteMarkKind;
  /** False when the quotation lost its closing mark: it runs to the end or to the next opening mark. */
  closed: boolean;
}

/** Which way a character may face as a quotation mark. */
interface Mark {
  kind: QuoteMarkKind;
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
        canOpen: boundaryBefore && !spaceAfter,
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

/** A closing single mark after "s" with more words following may be a plural possessive ("players' union"). */
function looksLikePossessive(text: string, i: number): boolean {
  if (text[i - 1] !== 's' || !/^\s\p{Ll}/u.test(text.slice(i + 1))) return false;
  for (let j = i + 1; j < text.length; j++)
    if (classifyMark(text, j)?.canClose && text[j] !== '"') return true;
  return false;
}

/** The kind of mark a body quotes with: double unless its texts open more quotations with single. */
export function detectQuoteStyle(texts: readonly string[]): QuoteMarkKind {
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

/**
 * The top-level quotations of a text, in order. `style` is the kind of mark the text quotes with
 * ({@link detectQuoteStyle}), or 'any' where either kind may (headings, a lone sentence). Single
 * marks may always open, for a quotation set in single marks inside double-quoted copy; an unclosed
 * single mark outside a single-quote style is taken for an apostrophe. Quotations with no letter or
 * digit inside are not returned.
 */
export function findQuotations(text: string, style: QuoteMarkKind | 'any'): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { at: number; kind: QuoteMarkKind } | null = null;
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
      if (mark.canOpen && (style === 'any' || mark.kind === style || mark.kind === 'single')) {
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
    const o: { at: number; kind: QuoteMarkKind } = open;
    if (style === 'any' || o.kind === style) finish(text.length, false);
  }
  return spans.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.contentStart, s.contentEnd)));
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The text with every quotation, marks included, blanked out by spaces (so offsets still hold): what
 * the writer says, not what was said to them.
 */
export function outsideQuotations(
  text: string,
  spans: readonly QuoteSpan[] = findQuotations(text, 'any'),
): string {
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.open) + ' '.repeat(span.close - span.open);
    last = span.close;
  }
  return out + text.slice(last);
}
