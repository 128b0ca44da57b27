/**
 * Every quotation of a corpus and the ways people look one up: by speaker, by topic, by a
 * remembered fragment ("who said this?"), and the list of speakers with their counts.
 */
import { DEFAULT_ANALYSIS, keyTerms, normalizeText, type AnalysisOptions } from '../text/analysis.ts';
import { extractQuotes } from './extract.ts';
import type { QuoteOptions } from './options.ts';
import type { Answer, Article, Quote } from '../types.ts';

/** What a reader asks for; every field given narrows the result. */
export interface QuoteQuery {
  /** A speaker's name or part of it ("Roe", "jane"), or a role ("press secretary"). */
  speaker?: string;
  /** A topic: quotations are ranked by the same retrieval as `/ask`. */
  about?: string;
  /** Words remembered from the quotation, matched loosely. */
  text?: string;
  /** Only this article's quotations (an article id). */
  article?: string;
}

/** A quotation found, with how well it matches (1 for filters that do not rank). */
export interface QuoteMatch {
  quote: Quote;
  score: number;
}

/** A speaker and how many quotations the corpus holds from them. */
export interface SpeakerCount {
  name: string;
  role: string | null;
  count: number;
}

/** Ranks passages for a text as `/ask` does: `SearchIndex.findPassages`. */
export type RankPassages = (text: string, limit: number) => Answer;

export interface QuoteBookOptions {
  /** How quotations are extracted from each article; none overridden by default. */
  extraction: Partial<QuoteOptions>;
  /**
   * Share of a remembered fragment's words a quotation must contain to match it. A little over half
   * by default: people remember most words of a quotation, rarely all, and rarely in the article's form.
   */
  minFragmentShare: number;
  /**
   * How many passages the topic ranking looks at. The default reaches every quotation of a topic in
   * a news corpus while keeping the ranking cheap.
   */
  aboutPassages: number;
  /**
   * Weight of a quotation's own words sharing the topic's terms, beside its passage's rank. Even with
   * the passage's by default: the passage finds the topic, the quotation's words decide between
   * quotations in it.
   */
  aboutOwnWords: number;
  /**
   * Passages scoring below this share of the best one do not count as on the topic. Half by default:
   * retrieval returns every passage sharing a word; only the strong ones are about the topic.
   */
  aboutMinShare: number;
  /** How text becomes terms: the same analysis as the index. */
  analysis: AnalysisOptions;
}

/** Articles whose quotations {@link QuoteBook.build} extracts between two yields to the event loop. */
const ARTICLES_PER_SLICE = 25;

/** Defaults for {@link QuoteBookOptions}: the one place their values are written. */
const DEFAULT_QUOTE_BOOK: QuoteBookOptions = {
  extraction: {},
  minFragmentShare: 0.6,
  aboutPassages: 50,
  aboutOwnWords: 0.5,
  aboutMinShare: 0.5,
  analysis: DEFAULT_ANALYSIS,
};

/** The corpus's quotations in reading order (articles in corpus order), and lookups over them. */
export class QuoteBook {
  readonly quotes: readonly Quote[];
  readonly options: QuoteBookOptions;
  private readonly rank: RankPassages | null;

  /**
   * `rank` is the topic ranking; without it, `about` matches on the quotations' own words.
   * `quotes`, when given, are the articles' quotations already extracted (see {@link QuoteBook.build}).
   */
  constructor(
    articles: readonly Article[],
    rank: RankPassages | null = null,
    options: Partial<QuoteBookOptions> = {},
    quotes?: readonly Quote[],
  ) {
    this.options = { ...DEFAULT_QUOTE_BOOK, ...options };
    this.rank = rank;
    this.quotes = quotes ?? articles.flatMap((a) => extractQuotes(a, this.options.extraction));
  }

  /**
   * The same book, built without holding the event loop for long: quotations are extracted a slice
   * of articles at a time, yielding between slices (ten thousand articles take seconds).
   */
  static async build(
    articles: readonly Article[],
    rank: RankPassages | null = null,
    options: Partial<QuoteBookOptions> = {},
  ): Promise<QuoteBook> {
    const extraction = { ...DEFAULT_QUOTE_BOOK, ...options }.extraction;
    const quotes: Quote[] = [];
    for (let i = 0; i < articles.length; i += ARTICLES_PER_SLICE) {
      for (const article of articles.slice(i, i + ARTICLES_PER_SLICE))
        quotes.push(...extractQuotes(article, extraction));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new QuoteBook(articles, rank, options, quotes);
  }

  /**
   * The quotations matching every field of the query: best first when `about` or `text` ranks them,
   * else in reading order. An empty query matches every quotation.
   */
  findQuotes(query: QuoteQuery): QuoteMatch[] {
    let matches: QuoteMatch[] = this.quotes
      .filter((quote) => query.article === undefined || quote.articleId === query.article)
      .map((quote) => ({ quote, score: 1 }));
    const speaker = query.speaker?.trim();
    if (speaker) {
      const chosen = new Set(this.quotesBy(speaker));
      matches = matches.filter((m) => chosen.has(m.quote));
    }
    const text = query.text?.trim();
    if (text) matches = this.rankByFragment(matches, text);
    const about = query.about?.trim();
    if (about) matches = this.rankByTopic(matches, about);
    return matches;
  }

  /** Speakers with their counts, most quoted first; `typed` narrows them as autocomplete does. */
  speakers(typed = ''): SpeakerCount[] {
    const counts = new Map<string, SpeakerCount>();
    for (const q of this.quotes) {
      if (q.speaker === null) continue;
      const entry = counts.get(q.speaker) ?? { name: q.speaker, role: q.role, count: 0 };
      entry.count++;
      entry.role ??= q.role;
      counts.set(q.speaker, entry);
    }
    const want = words(typed);
    return [...counts.values()]
      .filter((s) => want.every((w) => words(`${s.name} ${s.role ?? ''}`).some((n) => n.startsWith(w))))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  /**
   * Quotations of the speakers a name matches loosely: the whole name, a surname, or the start of
   * each word ("karo lea"). When no name matches, a role does ("press secretary").
   */
  private quotesBy(speaker: string): Quote[] {
    const want = words(speaker);
    if (want.length === 0) return [];
    const nameMatches = (name: string) => {
      const have = words(name);
      return want.every((w) => have.some((h) => h === w || (w.length >= 3 && h.startsWith(w))));
    };
    const byName = this.quotes.filter((q) => q.speaker !== null && nameMatches(q.speaker));
    if (byName.length > 0) return byName;
    return this.quotes.filter((q) => q.role !== null && nameMatches(q.role));
  }

  /** "Who said this?": quotations holding most of the fragment's words, exact ones first. */
  private rankByFragment(matches: QuoteMatch[], fragment: string): QuoteMatch[] {
    const exact = plain(fragment);
    const terms = keyTerms(fragment, this.options.analysis);
    const scored: QuoteMatch[] = [];
    for (const m of matches) {
      if (plain(m.quote.text).includes(exact)) {
        scored.push({ quote: m.quote, score: 2 });
        continue;
      }
      if (terms.length === 0) continue;
      const have = keyTerms(m.quote.text, this.options.analysis);
      const found = terms.filter((t) => have.some((h) => h === t || nearlyEqual(h, t))).length;
      const share = found / terms.length;
      if (share >= this.options.minFragmentShare) scored.push({ quote: m.quote, score: share });
    }
    return stableSort(scored);
  }

  /** Quotations on a topic: their passage's rank for it, plus their own words' share of its terms. */
  private rankByTopic(matches: QuoteMatch[], about: string): QuoteMatch[] {
    const passageScore = new Map<string, number>();
    if (this.rank) {
      const hits = this.rank(about, this.options.aboutPassages).hits;
      const best = hits[0]?.score ?? 1;
      for (const h of hits) {
        if (h.score >= best * this.options.aboutMinShare) passageScore.set(h.passage.id, h.score / best);
      }
    }
    const terms = keyTerms(about, this.options.analysis);
    const scored: QuoteMatch[] = [];
    for (const m of matches) {
      const have = new Set(keyTerms(`${m.quote.text} ${m.quote.speaker ?? ''}`, this.options.analysis));
      const own = terms.length ? terms.filter((t) => have.has(t)).length / terms.length : 0;
      const passage = passageScore.get(`${m.quote.articleId}#${m.quote.blockIndex}`) ?? 0;
      const score = passage + this.options.aboutOwnWords * own;
      // A quotation counts when its passage answers the topic or its own words name it.
      if (passage > 0 || own >= 0.5) scored.push({ quote: m.quote, score: score * m.score });
    }
    return stableSort(scored);
  }
}

/** Lower-case words without accents or punctuation, for loose name matching. */
function words(text: string): string[] {
  return plain(text).split(' ').filter(Boolean);
}

/** Text reduced to lower-case words and single spaces: quotes, dashes and accents ignored. */
function plain(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** One letter apart, for words long enough that a slip of memory is not another word. */
function nearlyEqual(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}

/** Best first; equal scores keep reading order. */
function stableSort(matches: QuoteMatch[]): QuoteMatch[] {
  return matches
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.score - a.m.score || a.i - b.i)
    .map(({ m }) => m);
}
