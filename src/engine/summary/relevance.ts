/**
 * How relevant each body paragraph of an article is to a focus topic, for a focused summary.
 */
import type { SearchIndex } from '../search/search-index.ts';
import { keyTerms } from '../text/analysis.ts';
import type { Article } from '../types.ts';

/** How relevant one body block is to a focus topic. */
export interface FocusMatch {
  /** Higher is more relevant; any scale. */
  score: number;
  /**
   * The block's sentence that best speaks of the topic, as the ranking judged it (it may match
   * through a synonym the focus does not spell out); null when the ranking does not say.
   */
  sentence: string | null;
}

/**
 * Scores the body blocks of an article for a focus topic: block index → match. Blocks absent from
 * the map do not speak about the topic; an empty map means the article does not mention it. Byline
 * passes its question retrieval here, so that `/summary focus:` and `/ask` agree on what is relevant.
 */
export type FocusRelevance = (focus: string, article: Article) => ReadonlyMap<number, FocusMatch>;

/**
 * The default focus relevance: for each body paragraph, the summed rarity (inverse paragraph
 * frequency) of the focus's key terms it contains. Zero-scoring paragraphs are left out.
 */
export function termRelevance(focus: string, article: Article): ReadonlyMap<number, FocusMatch> {
  const terms = keyTerms(focus);
  const paragraphs = article.blocks.filter((b) => b.kind === 'paragraph');
  const termSets = paragraphs.map((b) => new Set(keyTerms(b.text)));
  const scores = new Map<number, FocusMatch>();
  for (const term of terms) {
    const df = termSets.filter((s) => s.has(term)).length;
    if (df === 0) continue;
    const idf = Math.log(1 + paragraphs.length / df);
    paragraphs.forEach((b, i) => {
      if (termSets[i]!.has(term)) {
        scores.set(b.index, { score: (scores.get(b.index)?.score ?? 0) + idf, sentence: null });
      }
    });
  }
  return scores;
}

/**
 * Focus relevance from the question index, so that `/summary focus:` finds what `/ask` finds: the
 * article's body paragraphs among the passages the index returns for the focus, with their scores.
 * Empty when the index abstains (the focus names something the corpus never mentions).
 */
export function searchRelevance(index: SearchIndex): FocusRelevance {
  return (focus, article) => {
    const { hits } = index.findPassages(focus, index.size, { articleId: article.id });
    return new Map(
      hits
        .filter((h) => h.passage.articleId === article.id && h.passage.citation.kind === 'paragraph')
        .map((h) => [h.passage.blockIndex, { score: h.score, sentence: h.answer }]),
    );
  };
}
