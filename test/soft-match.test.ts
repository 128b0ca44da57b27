import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS, stemWord } from '../src/engine/text/analysis.ts';
import type { WordVectors } from '../src/engine/text/vectors.ts';
import { SoftMatcher } from '../src/engine/search/soft.ts';

/** A tiny vector table: each word a unit vector at the given angle (degrees) in a plane. */
function vectorsAt(angles: Record<string, number>): WordVectors {
  const table = new Map(
    Object.entries(angles).map(([w, deg]) => {
      const r = (deg * Math.PI) / 180;
      return [stemWord(w), new Float32Array([Math.cos(r), Math.sin(r)])];
    }),
  );
  return {
    dimensions: 2,
    size: table.size,
    vectorOf: (t) => table.get(t) ?? null,
    similarity: () => null,
  };
}

const OPTIONS = { softMinSimilarity: 0.6, softMaxNeighbours: 4, softWeight: 0.55 };
const stems = (words: string[]) => words.map((w) => stemWord(w));

describe('SoftMatcher', () => {
  it('finds corpus words close in meaning, most similar first', () => {
    const vectors = vectorsAt({ stock: 0, shares: 20, equity: 40, banana: 90 });
    const matcher = new SoftMatcher(
      vectors,
      stems(['shares', 'equity', 'banana']),
      () => true,
      DEFAULT_ANALYSIS,
      OPTIONS,
    );
    expect(matcher.neighbours(stemWord('stock')).map((n) => n.term)).toEqual(stems(['shares', 'equity']));
  });

  it('never matches a word to its opposite or to another member of an exclusive set', () => {
    const vectors = vectorsAt({ rise: 0, fell: 5, climb: 10, monday: 90, tuesday: 91 });
    const matcher = new SoftMatcher(
      vectors,
      stems(['fell', 'climb', 'tuesday']),
      () => true,
      DEFAULT_ANALYSIS,
      OPTIONS,
    );
    expect(matcher.neighbours(stemWord('rise')).map((n) => n.term)).toEqual(stems(['climb']));
    expect(matcher.neighbours(stemWord('monday'))).toEqual([]);
  });

  it('never matches a word to one the corpus only writes as a name', () => {
    const vectors = vectorsAt({ biden: 0, trump: 10, president: 20 });
    const names = new Set(stems(['trump']));
    const matcher = new SoftMatcher(
      vectors,
      stems(['trump', 'president']),
      (t) => !names.has(t),
      DEFAULT_ANALYSIS,
      OPTIONS,
    );
    expect(matcher.neighbours(stemWord('biden')).map((n) => n.term)).toEqual(stems(['president']));
  });

  it('finds nothing for a word without a vector, a number or a short word', () => {
    const vectors = vectorsAt({ shares: 0, '2024': 0, go: 0 });
    const matcher = new SoftMatcher(vectors, stems(['shares']), () => true, DEFAULT_ANALYSIS, OPTIONS);
    expect(matcher.neighbours('xyzzy')).toEqual([]);
    expect(matcher.neighbours('2024')).toEqual([]);
    expect(matcher.neighbours('go')).toEqual([]);
  });
});
