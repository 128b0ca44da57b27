import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.ts';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { analyzeQuestion } from '../src/engine/search/question.ts';
import { expandFromCorpus } from '../src/engine/search/expand.ts';
import { DEFAULT_ANALYSIS } from '../src/engine/text/analysis.ts';
import { openWordVectors } from '../src/engine/text/vectors.ts';
import { TEST_VECTORS_DIR } from './support/global-setup.ts';

const vectors = openWordVectors(TEST_VECTORS_DIR, DEFAULT_ANALYSIS);

const STORY = `---
title: Harrow Power warns on profit
publisher: Example Wire
published: 2026-06-03
---
Harrow Power warns on profit

LONDON, June 3 (Example Wire) - Shares in Harrow Power fell 9% on Wednesday after the utility cut its profit forecast.

Chief Executive Mara Quill said a delayed wind farm had cost the company 40 million pounds.

The board will meet the regulator in Leeds next month, Quill said.

Talks with unions over 300 job cuts began on Monday.
`;

function engineOf(text: string, withVectors = true): Engine {
  return new Engine([parseArticleFile('story.txt', new TextEncoder().encode(text))], {
    vectors: withVectors ? vectors : null,
  });
}

/** The corpus terms that word vectors let stand for the question's words. */
function standIns(engine: Engine, question: string): string[] {
  const q = analyzeQuestion(question, DEFAULT_ANALYSIS, engine.index.aliases, engine.index.options);
  expandFromCorpus(engine.index, question, q.concepts);
  return q.concepts.flatMap((c) => c.alternatives.filter((a) => a.soft).flatMap((a) => a.terms));
}

const first = (engine: Engine, question: string) =>
  engine.ask(question).hits[0]?.passage.citation.paragraph ?? null;

describe('meaning-aware retrieval (word vectors)', () => {
  it('has the word vectors the package ships', () => {
    expect(vectors).not.toBeNull();
    expect(vectors!.similarity('stock', 'share')!).toBeGreaterThan(0.7);
  });

  it('answers a question in other words than the article: "the stock" for "shares"', () => {
    const engine = engineOf(STORY);
    expect(first(engine, 'why did the stock fall')).toBe(1);
    expect(engine.index.softMatcher!.neighbours('stock').map((n) => n.term)).toContain('share');
  });

  it('says the article does not say for a word it never uses, typed in lower case or capitalised', () => {
    const engine = engineOf(STORY);
    for (const q of [
      'what is the capital of peru',
      'What is the capital of Peru?',
      'what did biden say about the talks',
    ]) {
      const answer = engine.ask(q);
      expect(answer.hits, q).toEqual([]);
      expect(answer.unknownTerms.join(' ').toLowerCase(), q).toMatch(/peru|biden/);
    }
  });

  it('says the article does not say when it gives no age, or no sum of money, for what is asked', () => {
    const engine = engineOf(STORY);
    expect(engine.ask('how old is mara quill').hits).toEqual([]);
    expect(engine.ask('how much money did the board offer the unions').hits).toEqual([]);
    expect(first(engine, 'how much did the delayed wind farm cost them')).toBe(2);
  });

  it('never lets a word stand for its opposite or for another day of the week', () => {
    const found = standIns(engineOf(STORY), 'did shares rise on tuesday');
    expect(found).not.toContain('fell');
    expect(found).not.toContain('wednesday');
    expect(found).not.toContain('monday');
  });

  it('never matches a lower-case word to a name the article uses', () => {
    expect(standIns(engineOf(STORY), 'what did harrowgate say')).toEqual([]);
  });

  it('answers a question wrapped in a mention and markdown as the question itself', () => {
    const engine = engineOf(STORY);
    expect(first(engine, '<@123456789012345678> **who** is the chief executive?')).toBe(2);
    expect(first(engine, '@everyone __when__ did the talks with unions begin? https://example.com/x')).toBe(
      4,
    );
  });

  it('answers by the words alone when the vectors are off', () => {
    const engine = engineOf(STORY, false);
    expect(first(engine, 'who is the chief executive')).toBe(2);
    expect(engine.index.softMatcher).toBeNull();
  });
});
