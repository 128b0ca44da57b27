import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectQuoteStyle,
  findQuotations,
  outsideQuotations,
  type QuoteSpan,
} from '../src/engine/text/quote-marks.ts';

const words = (text: string, spans: QuoteSpan[]) =>
  spans.map((s) => text.slice(s.contentStart, s.contentEnd));

describe('findQuotations', () => {
  it('finds a quotation in curly double marks and the narrative around it stays out', () => {
    const text = '“We will be there,” he adds.';
    expect(words(text, findQuotations(text, 'double'))).toEqual(['We will be there,']);
  });

  it('sees a quotation left open at the end of a sentence', () => {
    const [span] = findQuotations('“President Trump actually changed the whole idea.', 'any');
    expect(span).toMatchObject({ open: 0, closed: false });
  });

  it('closes a quotation in straight single marks', () => {
    const text = "'Nobody went into politics to close libraries,' she said.";
    expect(findQuotations(text, 'any')).toMatchObject([{ kind: 'single', closed: true }]);
  });

  it('does not take an apostrophe for a quotation mark', () => {
    expect(findQuotations('The council’s plan and the city’s budget.', 'any')).toEqual([]);
  });

  it('does not take a plural possessive for the end of a single-quoted quotation', () => {
    const text = "'We are investing, and the campaigners' figures do not reflect that,' she said.";
    expect(words(text, findQuotations(text, 'single'))).toEqual([
      "We are investing, and the campaigners' figures do not reflect that,",
    ]);
  });

  it('keeps a quotation in the other kind of mark as part of the words around it', () => {
    const text = '“They called it a ‘peace plan’ and left,” she said.';
    expect(words(text, findQuotations(text, 'double'))).toEqual(['They called it a ‘peace plan’ and left,']);
  });

  it('ends a quotation that lost its closing mark where the next one opens', () => {
    const text = '“We will fight. “We will win.”';
    expect(findQuotations(text, 'double')).toMatchObject([{ closed: false }, { closed: true }]);
  });
});

describe('outsideQuotations', () => {
  it('blanks quoted words and keeps the writer’s own', () => {
    expect(outsideQuotations('“We will be there,” he adds.').trim()).toBe('he adds.');
    expect(outsideQuotations("'It is a blow,' said Rahman.").trim()).toBe('said Rahman.');
  });
});

describe('detectQuoteStyle', () => {
  it('takes single marks for the style when the body opens more quotations with them', () => {
    expect(detectQuoteStyle(["'Rates will rise,' she said.", "'Not yet,' he replied."])).toBe('single');
    expect(detectQuoteStyle(['“Rates will rise,” she said.', "the 'peace plan'"])).toBe('double');
  });
});

/** Characters that make quotation scanning hard: every mark, apostrophes, spaces, letters, digits. */
const TRICKY = [...'"“”„«»\'‘’ ,.-—(a sZ9\n'];
const trickyText = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 60 });
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), trickyText);
const style = fc.constantFrom('double', 'single', 'any') as fc.Arbitrary<'double' | 'single' | 'any'>;

/** Words with no quotation mark in them, none ending in "s" (a plural possessive) nor an elision. */
const word = fc.constantFrom(
  'water',
  'rate',
  'rise',
  'we',
  'will',
  'fight',
  'on',
  'the',
  'plan',
  'cut',
  'high',
);
const phrase = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
const MARKS = {
  'curly double': ['“', '”', 'double'],
  'straight double': ['"', '"', 'double'],
  'curly single': ['‘', '’', 'single'],
  'straight single': ["'", "'", 'single'],
} as const;

describe('findQuotations on any text', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(anyText, style, (text, s) => {
        findQuotations(text, s);
      }),
    );
  });

  it('returns quotations that lie inside the text, in order, each opening at a mark', () => {
    fc.assert(
      fc.property(anyText, style, (text, s) => {
        let previousClose = 0;
        for (const span of findQuotations(text, s)) {
          expect(span.open).toBeGreaterThanOrEqual(previousClose);
          expect(span.contentStart).toBe(span.open + 1);
          expect(span.contentEnd).toBeGreaterThanOrEqual(span.contentStart);
          expect(span.close).toBeGreaterThanOrEqual(span.contentEnd);
          expect(span.close).toBeLessThanOrEqual(text.length);
          expect(`"“„«'‘`).toContain(text[span.open]);
          expect(text.slice(span.contentStart, span.contentEnd)).toMatch(/[\p{L}\p{N}]/u);
          previousClose = span.close;
        }
      }),
    );
  });

  it('blanks exactly the quotations and keeps every other character in place', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spans = findQuotations(text, 'any');
        const outside = outsideQuotations(text, spans);
        expect(outside).toHaveLength(text.length);
        for (let i = 0; i < text.length; i++) {
          const inside = spans.some((s) => i >= s.open && i < s.close);
          expect(outside[i]).toBe(inside ? ' ' : text[i]);
        }
      }),
    );
  });
});

describe('findQuotations on balanced marks', () => {
  for (const [name, [open, close, kind]] of Object.entries(MARKS)) {
    it(`gives back each quotation in ${name} marks word for word`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(phrase, phrase), { minLength: 1, maxLength: 4 }), (pairs) => {
          const text = pairs.map(([narrative, quoted]) => `${narrative} ${open}${quoted}${close}`).join(' ');
          const spans = findQuotations(text, kind);
          expect(words(text, spans)).toEqual(pairs.map(([, quoted]) => quoted));
          expect(spans.every((s) => s.closed && s.kind === kind)).toBe(true);
          expect(outsideQuotations(text, spans).replace(/\s+/g, ' ').trim()).toBe(
            pairs.map(([narrative]) => narrative).join(' '),
          );
        }),
      );
    });
  }
});
