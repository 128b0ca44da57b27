import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../src/engine/text/sentences.ts';

describe('splitSentences', () => {
  it('splits on stops followed by a capital', () => {
    expect(splitSentences('The talks ended. Nobody spoke! Why? Nobody knows.')).toEqual([
      'The talks ended.',
      'Nobody spoke!',
      'Why?',
      'Nobody knows.',
    ]);
  });

  it('does not split after titles, months and initials', () => {
    expect(splitSentences('Mr. Moss met Gen. Ray on Jan. 29 in St. Louis. J. Smith was there.')).toEqual([
      'Mr. Moss met Gen. Ray on Jan. 29 in St. Louis.',
      'J. Smith was there.',
    ]);
  });

  it('keeps "U.S." inside a sentence and splits after it before a sentence opener', () => {
    expect(
      splitSentences('The U.S. Coast Guard was told. It sent a boat to the U.S. The boat arrived.'),
    ).toEqual(['The U.S. Coast Guard was told.', 'It sent a boat to the U.S.', 'The boat arrived.']);
  });

  it('keeps closing quotation marks with their sentence', () => {
    expect(splitSentences('“We will go,” he said. “It is done.” She left. ‘Fine.’ Then quiet.')).toEqual([
      '“We will go,” he said.',
      '“It is done.”',
      'She left.',
      '‘Fine.’',
      'Then quiet.',
    ]);
  });

  it('does not split at an ellipsis or a question mark followed by a lower-case word', () => {
    expect(splitSentences('“There is a new attitude… against them,” he said. “Why not?” she asked.')).toEqual(
      ['“There is a new attitude… against them,” he said.', '“Why not?” she asked.'],
    );
  });

  it('returns exact substrings with their offsets', () => {
    const text = '  First one.   Second one.  ';
    const spans = sentenceSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('   ')).toEqual([]);
  });
});

/** News-like text: capitals, stops, abbreviations, initials, quotation marks, brackets, line breaks. */
const NEWS_CHARS = [...'aAbZ .!?…"“”\'’)(»\n'].concat(['Mr.', 'U.S.', 'Jan.', ' J. ', '...', '  ', '\t']);
const newsText = fc.array(fc.constantFrom(...NEWS_CHARS), { maxLength: 40 }).map((cs) => cs.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), newsText);

describe('sentenceSpans on any text', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        sentenceSpans(text);
      }),
    );
  });

  it('returns sentences that are the text itself at their offsets, never empty, never padded', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const s of sentenceSpans(text)) {
          expect(s.text).toBe(text.slice(s.start, s.end));
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.text.trim()).toBe(s.text);
        }
      }),
    );
  });

  it('gives back the whole text when its sentences are put together again, whitespace aside', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spans = sentenceSpans(text);
        let at = 0;
        for (const s of spans) {
          expect(text.slice(at, s.start).trim()).toBe('');
          at = s.end;
        }
        expect(text.slice(at).trim()).toBe('');
        expect(spans.length > 0).toBe(text.trim() !== '');
      }),
    );
  });
});
