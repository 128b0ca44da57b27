import { describe, expect, it } from 'vitest';
import {
  analyze,
  inflectionBase,
  keyTerms,
  nameParts,
  normalizeText,
  stemWord,
  tokenize,
} from '../src/engine/text/analysis.ts';

describe('text analysis', () => {
  it('normalises curly quotes, apostrophes and dashes', () => {
    expect(normalizeText('“Trump’s” deal — done – now')).toBe(`"Trump's" deal - done - now`);
  });

  it('keeps "U.S.", "1,200", "2.2 million" and names intact as tokens', () => {
    expect(tokenize('The U.S. said 1,200 of 2.2 million Gazans left.').map((t) => [t.norm, t.kind])).toEqual([
      ['the', 'name'],
      ['us', 'acronym'],
      ['said', 'word'],
      ['1200', 'number'],
      ['of', 'word'],
      ['2.2', 'number'],
      ['million', 'word'],
      ['gazans', 'name'],
      ['left', 'word'],
    ]);
  });

  it('treats "US" as the country and lower-case "us" as a stop word', () => {
    expect(analyze('The US told us')).toEqual(['us']);
  });

  it('drops possessives and splits hyphenated compounds', () => {
    expect(keyTerms("Netanyahu's Hamas-led")).toEqual(['netanyahu', 'hama', 'lead']);
  });

  it('stems other forms of a word together, irregular verbs included', () => {
    expect(['talks', 'talking', 'talked'].map((w) => stemWord(w))).toEqual(['talk', 'talk', 'talk']);
    expect(stemWord('held')).toBe(stemWord('hold'));
    expect(stemWord('news')).not.toBe(stemWord('new'));
  });

  it('indexes a capitalised word under its exact form and its stem, numbers as they are', () => {
    expect(analyze('Hostages 5,000')).toEqual(['hostages', 'hostag', '5000']);
  });

  it('drops stop words and question words', () => {
    expect(analyze('What did they say about it?')).toEqual([]);
  });

  it("finds the words that stand only inside a name of several words, and the name's word pairs", () => {
    const parts = nameParts(
      'A source told The Times of Israel, confirming a report on Fox News. Times change.',
    );
    expect([...parts.only].sort()).toEqual(['fox', 'news']);
    expect([...parts.pairs]).toEqual(['fox news']);
    const seed = nameParts('The minister told The Times of Israel on Wednesday.');
    expect([...seed.only].sort()).toEqual(['time', 'times']);
    expect([...seed.pairs]).toEqual([]);
  });

  it("does not take a sentence's first function word, or words apart, as a name", () => {
    expect([...nameParts('The talks ended. The White House, Hamas and Qatar agreed.').only].sort()).toEqual([
      'hous',
      'house',
      'white',
    ]);
    expect(nameParts('Talks ended on Monday.').only.size).toBe(0);
  });

  it('reduces a word to its inflectional base, keeping derived words apart', () => {
    const base = (words: string) => words.split(' ').map((w) => inflectionBase(w));
    expect(base('talks talked talking talk')).toEqual(['talk', 'talk', 'talk', 'talk']);
    expect(base('free freed died die companies')).toEqual(['fr', 'fr', 'di', 'di', 'company']);
    expect(new Set(base('negotiations negotiator')).size).toBe(2);
    expect(new Set(base('reports reporters')).size).toBe(2);
  });

  it('keeps a code of letters and digits whole: "Q3", "G7", "A380"', () => {
    expect(tokenize('Q3 sales at the G7 and the A380').map((t) => [t.norm, t.kind])).toEqual([
      ['q3', 'acronym'],
      ['sales', 'word'],
      ['at', 'word'],
      ['the', 'word'],
      ['g7', 'acronym'],
      ['and', 'word'],
      ['the', 'word'],
      ['a380', 'acronym'],
    ]);
  });
});
