/** What a summary may be asked for, and the settings that decide which sentences it shows. */
import { termRelevance, type FocusRelevance } from './relevance.ts';

/** Longest focus accepted, in characters: a topic, not a question. */
export const MAX_FOCUS_LENGTH = 100;

/** How long a summary is: a name a reader can choose. */
export type SummaryLength = 'short' | 'medium' | 'long';

/** The most sentences each length may show. */
export const SUMMARY_LENGTHS: Readonly<Record<SummaryLength, number>> = { short: 3, medium: 5, long: 8 };

/** True when `value` names a summary length. */
export function isSummaryLength(value: string): value is SummaryLength {
  return Object.hasOwn(SUMMARY_LENGTHS, value);
}

/**
 * Settings of `summarize`. The values are in {@link DEFAULT_SUMMARY_OPTIONS}; each field says
 * what it does and why its default is what it is.
 */
export interface SummaryOptions {
  /**
   * How many sentences at most, by name ({@link SUMMARY_LENGTHS}). The default is the middle length:
   * enough for the main facts of a news story without retelling it.
   */
  length: SummaryLength;
  /**
   * A topic: summarise what the article says about it. Null for a general summary, the default. When
   * the article does not speak of the topic, the summary has no sentences (the article "doesn't say").
   */
  focus: string | null;
  /**
   * Ranks blocks for a focus. The default, {@link termRelevance}, needs no index: key-term overlap
   * weighted by rarity. Byline passes `searchRelevance` so that `/summary` and `/ask` agree.
   */
  relevance: FocusRelevance;
  /**
   * Share of a sentence's importance that comes from its position; centrality, headline similarity
   * and specificity share the rest. The news opening is a strong baseline on its own (about 40
   * ROUGE-1 on CNN/DailyMail against about 33 for TextRank alone), so by default position is the
   * largest single share, but not a majority, or the summary would only repeat the opening.
   */
  leadWeight: number;
  /**
   * How fast the position bonus falls: a sentence unit at position `i` (0-based) gets
   * `1 / (1 + i / leadDecay)`. The default halves the bonus within the first few units and lets it
   * fade over the top of the story, where news puts what matters.
   */
  leadDecay: number;
  /**
   * Share of importance that comes from similarity to the headline and standfirst, which say what
   * the article is about. Small by default, taken out of the centrality share: a hint, not a ranking.
   */
  titleWeight: number;
  /**
   * Share of importance that comes from specificity: how many distinct numbers, names and acronyms a
   * sentence carries, per word. News facts are mostly who, how many and when; a sentence of
   * generalities ("That pattern surprised the planners") carries fewer of them. Small by default,
   * like {@link titleWeight}, and taken out of the centrality share.
   */
  specificityWeight: number;
  /**
   * How much less a sentence weighs when it is all quotation: its importance is multiplied by
   * `1 - quotePenalty × (share of its words inside quotation marks)`. Quotations give reactions and
   * colour more often than the facts a summary must carry, but some carry the news itself, so the
   * default penalty is well short of excluding them.
   */
  quotePenalty: number;
  /** PageRank damping factor for sentence centrality. The default is TextRank's and PageRank's value. */
  damping: number;
  /**
   * PageRank iterations at most; it stops earlier once the scores settle. The default is far more
   * than a news article's sentence graph needs to settle, so it only guards against a graph that never does.
   */
  maxIterations: number;
  /**
   * Maximal marginal relevance trade-off: 1 ranks on importance alone, 0 on novelty alone (the share
   * of a sentence's term weight not yet covered by the summary). Importance differences are small past
   * the opening, so by default a small weight on novelty is enough to pass over a sentence that
   * repeats what is already said.
   */
  mmrLambda: number;
  /**
   * Cosine similarity (over TF-IDF term vectors) above which a sentence counts as a repeat of one
   * already chosen and is never added. High by default: rewordings of one fact are repeats, two facts
   * on one subject are not.
   */
  duplicateSimilarity: number;
  /**
   * Sentences shorter than this many words are not chosen on their own; the default keeps out
   * fragments such as "He declined." and "Read more.". A short sentence inside a chosen quotation is
   * still shown.
   */
  minWords: number;
  /**
   * In a focused summary, share of importance that comes from the focus relevance, the rest from
   * the general importance. Most of it by default: the topic decides, position and centrality break ties.
   */
  focusWeight: number;
  /**
   * In a focused summary, a sentence that does not contain a word of the focus is used only when
   * the ranking picked it as its block's best sentence and the block scores at least this share of
   * the best block. Retrieval expands the focus with related words, which finds the passages about
   * it but also grazes ones that are not, so by default only blocks well up the ranking qualify.
   */
  focusThreshold: number;
}

/** Defaults for {@link SummaryOptions}: the one place their values are written. */
export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = {
  length: 'medium',
  focus: null,
  relevance: termRelevance,
  leadWeight: 0.35,
  leadDecay: 3,
  titleWeight: 0.15,
  specificityWeight: 0.15,
  quotePenalty: 0.3,
  damping: 0.85,
  maxIterations: 100,
  mmrLambda: 0.85,
  duplicateSimilarity: 0.8,
  minWords: 5,
  focusWeight: 0.8,
  focusThreshold: 0.6,
};
